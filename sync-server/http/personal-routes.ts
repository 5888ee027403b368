import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  classes,
  cleanCell,
  formatRuDate,
  isIsoDate,
  isValidId,
  journalDocName,
  listStudents,
  parseDocName,
  readDeadlines,
  readParentContact,
  type ClassId,
  type IsoDate,
  type ParentContact,
  type StudentPersonal,
  schoolDate,
} from '../../model/index.ts';
import type { ValidSession } from '../auth/sessions.ts';
import type { Directory } from '../directory.ts';
import type { Storage } from '../storage/port.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const bad = (message: string) => new HTTPException(400, { message });

/** At most this many parents (законные представители) per student. */
const MAX_PARENTS = 4;
/** No student of this school was born before it: an earlier date is a typing error. */
const EARLIEST_BIRTH = '1990-01-01';

export interface PersonalDeps {
  storage: Storage;
  registry: RoomRegistry;
  directory: Directory;
  now: () => number;
}

/**
 * STU-10: the whole record as the person edited it, or the first Russian problem. A birth date
 * that exists, from 1990 up to today; up to 4 parents, each a full name with a phone or an
 * e-mail, read with the import's checks (`readParentContact`, the same phone normalization).
 */
function readRecord(body: Record<string, unknown>, classId: string, studentId: string, today: IsoDate): StudentPersonal {
  const { birthDate = null, parents = [] } = body;
  if (birthDate !== null && !isIsoDate(birthDate)) throw bad('Дата рождения — несуществующая дата');
  if (birthDate !== null && birthDate > today) throw bad(`Дата рождения ${formatRuDate(birthDate)} ещё не наступила`);
  if (birthDate !== null && birthDate < EARLIEST_BIRTH) throw bad(`Дата рождения ${formatRuDate(birthDate)} раньше 1990 года`);
  if (!Array.isArray(parents)) throw bad('Некорректный список родителей');
  if (parents.length > MAX_PARENTS) throw bad(`Родителей (законных представителей) — не больше ${MAX_PARENTS}`);
  const out: ParentContact[] = [];
  parents.forEach((p: unknown, i) => {
    const who = `Родитель ${i + 1}`;
    const raw = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? cleanCell(v) : '');
    const [name, phone, email] = [text(raw.name), text(raw.phone), text(raw.email)];
    if (name === '') throw bad(`${who}: укажите ФИО`);
    const { parent, problems } = readParentContact(name, phone, email);
    if (problems.length > 0) throw bad(`${who}: ${problems.map((x) => x.problem).join('; ')}`);
    if (parent.phone === '' && parent.email === '') throw bad(`${who}: укажите телефон или e-mail`);
    out.push(parent);
  });
  return { classId, studentId, birthDate, parents: out };
}

/**
 * Students' personal data (STU-9): birth dates and parents' contacts, kept by the server only
 * (`student_personal`, 152-ФЗ), never in a journal document. `GET /api/students/personal?class=`
 * lists a class's records; `POST /api/students/personal` replaces one student's whole record.
 * The administrator, the deputy and the class teacher of that class; nobody else.
 */
export function personalRoutes(deps: PersonalDeps) {
  const app = new Hono<AppEnv>();

  /** The class, if the user may see and correct its students' personal data. */
  const allowedClass = async (auth: ValidSession | null, classId: unknown) => {
    const { user } = requireAuth(auth);
    const school = await deps.directory.schoolDoc();
    const schoolClass = isValidId(classId) ? classes.get(school, classId as ClassId) : undefined;
    const staff = user.roles.includes('admin') || user.roles.includes('deputy');
    const classTeacher = user.roles.includes('teacher') && schoolClass?.classTeacherId === user.id;
    if (!staff && !classTeacher)
      throw new HTTPException(403, { message: 'Контакты родителей видят администратор, завуч и классный руководитель этого класса' });
    if (!schoolClass) throw bad('Нет такого класса');
    return { school, classId: classId as ClassId };
  };

  app.get('/students/personal', async (c) => {
    const { classId } = await allowedClass(c.get('auth'), c.req.query('class'));
    return c.json({ records: await deps.storage.listStudentPersonal({ classId }) });
  });

  app.post('/students/personal', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') {
      requireAuth(c.get('auth'));
      throw bad('Некорректный запрос');
    }
    const { school, classId } = await allowedClass(c.get('auth'), body.classId);
    const yearId = parseDocName(deps.directory.schoolDocName)?.yearId;
    // The roster is the journal's as the server holds it now (the live room, as imports read it).
    const roster = yearId ? listStudents((await deps.registry.open(journalDocName(classId, yearId))).doc) : [];
    const student = roster.find((s) => s.id === body.studentId);
    if (!student) throw bad('Ученик не найден в списке класса');
    const today = schoolDate(deps.now(), readDeadlines(school).utcOffsetMinutes);
    const record = readRecord(body, classId, student.id, today);
    await deps.storage.putStudentPersonal([record]);
    return c.json({ record });
  });

  return app;
}
