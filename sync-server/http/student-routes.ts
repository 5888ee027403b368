import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  checkClassTransfer,
  classes,
  formatDay,
  isIsoDate,
  isValidId,
  journalDocName,
  parseDocName,
  transferIdFor,
  transferIn,
  transferOut,
  type ClassId,
  type ClassTransfer,
  type GroupId,
  type StudentId,
} from '../../model/index.ts';
import type { Directory } from '../directory.ts';
import type { Storage } from '../storage/port.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { ServerAction } from '../ws/room.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const bad = (message: string) => new HTTPException(400, { message });

/** The body of a transfer, checked for its form; what it means is checked against the journals. */
async function transferBody(req: { json(): Promise<unknown> }): Promise<ClassTransfer & { fromClassId: ClassId }> {
  const body = (await req.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body !== 'object') throw bad('Некорректный запрос');
  const { studentId, fromClassId, toClassId, date, groups = [] } = body;
  if (!isValidId(studentId)) throw bad('Не указан ученик');
  if (!isValidId(fromClassId) || !isValidId(toClassId)) throw bad('Нет такого класса');
  if (!isIsoDate(date)) throw bad('Укажите дату перевода (ГГГГ-ММ-ДД)');
  if (!Array.isArray(groups) || !groups.every(isValidId)) throw bad('Некорректные группы');
  return {
    studentId: studentId as StudentId,
    fromClassId: fromClassId as ClassId,
    toClassId: toClassId as ClassId,
    date,
    groups: groups as GroupId[],
  };
}

/**
 * Student movement that spans two journals (STU-7): `POST /api/students/transfer` moves a
 * student from one class to another on a date, for the administrator, who keeps the roster
 * (PERM-9). Everything is checked before anything is written; then the departure and the
 * arrival are applied to the two rooms in the same turn of the event loop (nothing can come
 * between them), each attributed to the administrator in its journal's history, and both are
 * committed before the answer. Accounts of parents and the student follow them to the new class.
 * Arrivals, departures and group transfers touch one journal and are written through it (sync).
 */
export function studentRoutes(deps: { storage: Storage; registry: RoomRegistry; directory: Directory }) {
  const app = new Hono<AppEnv>();

  app.post('/students/transfer', async (c) => {
    const { user, session } = requireAuth(c.get('auth'));
    if (!user.roles.includes('admin')) throw new HTTPException(403, { message: 'Движение учащихся вносит администратор' });
    const r = await transferBody(c.req);
    const school = await deps.directory.schoolDoc();
    const yearId = parseDocName(deps.directory.schoolDocName)?.yearId;
    const fromClass = classes.get(school, r.fromClassId);
    const toClass = classes.get(school, r.toClassId);
    if (!yearId || !fromClass || !toClass) throw bad('Нет такого класса');
    const from = await deps.registry.open(journalDocName(r.fromClassId, yearId));
    const to = await deps.registry.open(journalDocName(r.toClassId, yearId));
    const reason = checkClassTransfer(school, from.doc, to.doc, r);
    if (reason) throw bad(reason);
    const newId = transferIdFor(to.doc, r.studentId);
    const when = formatDay(r.date);
    // Both or neither: no await between the two writes, and both were checked above.
    from.act(new ServerAction(user.id, session.id, `перевод в ${toClass.name} с ${when}`), () => transferOut(from.doc, r));
    to.act(new ServerAction(user.id, session.id, `перевод из ${fromClass.name} с ${when}`), () => transferIn(from.doc, to.doc, r, newId));
    await Promise.all([from.flush(), to.flush()]);
    // AUTH-27: every account's link to the student moves, a parent's other children stay.
    const accounts = await deps.storage.moveStudentLinks(
      { classId: r.fromClassId, studentId: r.studentId },
      { classId: r.toClassId, studentId: newId },
    );
    return c.json({ ok: true, studentId: newId, fromClassId: r.fromClassId, toClassId: r.toClassId, date: r.date, accounts });
  });

  return app;
}
