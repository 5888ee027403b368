import type * as Y from 'yjs';
import type { GroupId, PeriodId, StudentId, SubjectId } from '../ids.ts';
import { joinKey, rootMap, writeValue } from '../doc/flat-map.ts';
import { isMarkValueAllowed, type MarkValue } from '../marking/mark-value.ts';

/**
 * FIN-1: a period final is a mark of the subject's system and never "н/а" or "осв."
 * (`finals["subjectId:groupId:periodId:studentId"]`).
 */
export function isFinalValue(v: unknown): v is MarkValue {
  return isMarkValueAllowed('five', v) || isMarkValueAllowed('passfail', v);
}

export function setFinal(
  doc: Y.Doc,
  subjectId: SubjectId,
  groupId: GroupId,
  periodId: PeriodId,
  studentId: StudentId,
  value: MarkValue | null,
): void {
  if (value !== null && !isFinalValue(value)) throw new Error(`invalid final: ${JSON.stringify(value)}`);
  writeValue(rootMap(doc, 'finals'), joinKey(subjectId, groupId, periodId, studentId), value === null ? null : { v: value });
}

export function readFinal(doc: Y.Doc, subjectId: SubjectId, groupId: GroupId, periodId: PeriodId, studentId: StudentId): MarkValue | null {
  const v = rootMap(doc, 'finals').get(joinKey(subjectId, groupId, periodId, studentId));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  return isFinalValue(v.v) ? v.v : null;
}
