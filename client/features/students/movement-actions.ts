import type * as Y from 'yjs';
import {
  change,
  checkArrival,
  checkDeparture,
  enrollStudent,
  recordDeparture,
  transferToGroup,
  type ArrivalRequest,
  type ClassTransfer,
  type ClassId,
  type GroupTransfer,
  type IsoDate,
  type StudentId,
} from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';

/**
 * The administrator's roster changes (PERM-9). Those within one journal — an arrival, a
 * departure, a group transfer — are written into it on the device (they work offline and sync);
 * a transfer to another class changes two journals at once and goes through the server.
 * Each returns the model's Russian refusal, or null when done.
 */
function attempt(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function arrive(school: Y.Doc, journal: Y.Doc, r: ArrivalRequest): string | null {
  const reason = checkArrival(school, journal, r);
  return reason ?? attempt(() => change(journal, LOCAL_EDIT, () => void enrollStudent(journal, r)));
}

export function depart(school: Y.Doc, journal: Y.Doc, studentId: StudentId, date: IsoDate): string | null {
  const reason = checkDeparture(school, journal, studentId, date);
  return reason ?? attempt(() => change(journal, LOCAL_EDIT, () => recordDeparture(journal, studentId, date)));
}

export function moveToGroup(school: Y.Doc, journal: Y.Doc, r: GroupTransfer): string | null {
  return attempt(() => change(journal, LOCAL_EDIT, () => transferToGroup(school, journal, r)));
}

export interface TransferAnswer {
  ok: true;
  studentId: StudentId;
  toClassId: ClassId;
  date: IsoDate;
}

/** STU-7: both journals at once, on the server; offline it says so and changes nothing. */
export function transfer(fromClassId: ClassId, r: ClassTransfer): Promise<Result<TransferAnswer>> {
  return apiCall<TransferAnswer>(
    'POST',
    '/api/students/transfer',
    { ...r, fromClassId },
    'Нет связи с сервером: перевод в другой класс меняет два журнала сразу и вносится только при подключении к сети.',
  );
}
