import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import {
  classes,
  isEnrolledOn,
  isIsoDate,
  isValidId,
  journalDocName,
  listStudents,
  parseDocName,
  parseLessonId,
  parseMarkPlace,
  readDeadlines,
  readSchoolMeta,
  schoolDate,
  weekday,
  YEAR_FINAL,
  type ClassId,
  type Role,
} from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { ValidSession } from '../auth/sessions.ts';
import type { Directory } from '../directory.ts';
import { bodyTooLargeText } from '../limits.ts';
import { logError, logger } from '../log.ts';
import type { Storage } from '../storage/port.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { classAcksView, confirmablePeriods, mondayOf } from './diary-class-acks.ts';
import { readBody } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

export interface DiaryAckDeps {
  storage: Storage;
  registry: RoomRegistry;
  directory: Directory;
  now: () => number;
  /** A notice was stored for the student: the diary projector copies it into the diary. */
  onNotice?(studentId: string): void;
  onError?(e: unknown): void;
}

/** DIARY-29: a read or a confirmation is a few dozen bytes; a reminder lists one class's students. */
export const DIARY_ACK_BODY_MAX_BYTES = 1024;
export const DIARY_REMINDER_BODY_MAX_BYTES = 8 * 1024;
const limited = (maxSize: number) =>
  bodyLimit({ maxSize, onError: (c) => c.json({ error: bodyTooLargeText(maxSize) }, 413, { Connection: 'close' }) });

const bad = (message: string) => new HTTPException(400, { message });
/** DIARY-21: the one answer to anyone whose account is not this student's family, whether the student exists or not. */
const NOT_FOUND = () => new HTTPException(404, { message: 'Дневник не найден' });
const OVERSEERS: readonly Role[] = ['deputy', 'director', 'admin'];
const REMINDER_KINDS = ['read', 'confirm'] as const;
type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * Reading and confirmation of the diary (факт ознакомления, DIARY-20…DIARY-29). A parent's or a
 * student's account records that it opened a week or a mark and confirms a closed period's finals;
 * the class teacher (and the deputy, the director, the administrator) sees who in the class's
 * families reads and who confirmed, and the class teacher reminds those who did not with a notice
 * in their diary, at most once a day of each kind.
 */
export function diaryAckRoutes(deps: DiaryAckDeps) {
  const app = new Hono<AppEnv>();
  const today = async () => schoolDate(deps.now(), readDeadlines(await deps.directory.schoolDoc()).utcOffsetMinutes);

  /** DIARY-21: the account's link to the student, or the same 404 for everyone else (staff too). */
  const familyLink = (auth: ValidSession | null, studentId: string) => {
    const { user } = requireAuth(auth);
    const link = studentLinksOf(user).find((l) => l.studentId === studentId);
    if (!link) throw NOT_FOUND();
    return { user, link };
  };

  /** DIARY-22: a week is its Monday, within the school year. */
  const weekItem = async (item: unknown): Promise<string> => {
    const meta = readSchoolMeta(await deps.directory.schoolDoc());
    const inYear = (d: string) => meta !== undefined && d >= mondayOf(meta.startsOn) && d <= meta.endsOn;
    if (!isIsoDate(item) || weekday(item) !== 1 || !inYear(item)) throw bad('Неделя указывается датой её понедельника в учебном году');
    return item;
  };

  const confirmedBy = async (userId: string, studentId: string) => {
    const finals: Record<string, number> = {};
    for (const a of await deps.storage.diaryAcks({ studentIds: [studentId] })) {
      if (a.userId === userId && a.kind === 'finals') finals[a.item] = a.at;
    }
    return finals;
  };

  app.post('/diary/:studentId/read', limited(DIARY_ACK_BODY_MAX_BYTES), async (c) => {
    const studentId = c.req.param('studentId');
    const { user } = familyLink(c.get('auth'), studentId);
    const body = await readBody(c);
    const kind = body.kind;
    if (kind !== 'week' && kind !== 'mark') throw bad('Отметить прочитанным можно неделю или отметку');
    const item = kind === 'week' ? await weekItem(body.item) : markItem(body.item);
    await deps.storage.recordDiaryAck({ userId: user.id, studentId, kind, item, at: deps.now() });
    return c.json({ ok: true });
  });

  app.post('/diary/:studentId/confirm', limited(DIARY_ACK_BODY_MAX_BYTES), async (c) => {
    const studentId = c.req.param('studentId');
    const { user, link } = familyLink(c.get('auth'), studentId);
    const { periodId } = await readBody(c);
    const school = await deps.directory.schoolDoc();
    const schoolClass = classes.get(school, link.classId as ClassId);
    const open = schoolClass ? confirmablePeriods(school, link.classId as ClassId, schoolClass.grade) : [];
    if (!isValidId(periodId) || !open.some((p) => p.id === periodId)) {
      throw bad('Итоговые отметки за этот период ещё не окончательные: подтвердить можно после закрытия периода');
    }
    await deps.storage.recordDiaryAck({ userId: user.id, studentId, kind: 'finals', item: periodId, at: deps.now() });
    const at = (await confirmedBy(user.id, studentId))[periodId];
    return c.json({ ok: true, periodId, at });
  });

  app.get('/diary/:studentId/acks', async (c) => {
    const studentId = c.req.param('studentId');
    const { user } = familyLink(c.get('auth'), studentId);
    return c.json({ finals: await confirmedBy(user.id, studentId) });
  });

  /** The class and its roster today, if the user may see the class's reading (DIARY-25) or remind (DIARY-26). */
  const classFor = async (c: Context<AppEnv>, who: 'overseers' | 'class-teacher') => {
    const { user } = requireAuth(c.get('auth'));
    const classId = c.req.param('classId') ?? '';
    const school = await deps.directory.schoolDoc();
    const schoolClass = isValidId(classId) ? classes.get(school, classId as ClassId) : undefined;
    const classTeacher = user.roles.includes('teacher') && schoolClass !== undefined && schoolClass.classTeacherId === user.id;
    const overseer = who === 'overseers' && user.roles.some((r) => OVERSEERS.includes(r));
    if (!classTeacher && !overseer) {
      throw new HTTPException(403, {
        message:
          who === 'overseers'
            ? 'Ознакомление с дневником видят классный руководитель этого класса, завуч, директор и администратор'
            : 'Напоминания родителям отправляет классный руководитель этого класса',
      });
    }
    if (!schoolClass) throw new HTTPException(404, { message: 'Класс не найден' });
    const yearId = parseDocName(deps.directory.schoolDocName)?.yearId;
    // The roster is the journal's as the server holds it now (the live room, as the personal-data routes read it).
    const roster = yearId ? listStudents((await deps.registry.open(journalDocName(classId as ClassId, yearId))).doc) : [];
    return { user, school, classId: classId as ClassId, schoolClass, roster };
  };

  app.get('/classes/:classId/diary-acks', async (c) => {
    const { school, classId, schoolClass, roster } = await classFor(c, 'overseers');
    const [users, acks, codes] = await Promise.all([
      deps.storage.listUsers(),
      deps.storage.diaryAcks({ studentIds: roster.map((s) => s.id) }),
      deps.storage.listActivationCodes({ classId }),
    ]);
    return c.json(
      classAcksView({
        classId,
        className: schoolClass.name,
        roster,
        users,
        acks,
        codes,
        periods: confirmablePeriods(school, classId, schoolClass.grade),
        today: await today(),
        now: deps.now(),
      }),
    );
  });

  app.post('/classes/:classId/diary-reminders', limited(DIARY_REMINDER_BODY_MAX_BYTES), async (c) => {
    const { user, school, classId, schoolClass, roster } = await classFor(c, 'class-teacher');
    const body = await readBody(c);
    const kind = body.kind as ReminderKind;
    if (!REMINDER_KINDS.includes(kind)) throw bad('Напомнить можно прочитать дневник или подтвердить итоговые отметки');
    const day = await today();
    const current = new Map(roster.filter((s) => isEnrolledOn(s, day)).map((s) => [s.id as string, s]));
    const ids = body.studentIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 200 || !ids.every((id) => typeof id === 'string' && current.has(id))) {
      throw bad('Выберите учеников этого класса');
    }
    let text = 'Классный руководитель просит ознакомиться с дневником за неделю';
    if (kind === 'confirm') {
      const periods = confirmablePeriods(school, classId, schoolClass.grade);
      const period = body.periodId === undefined ? periods.at(-1) : periods.find((p) => p.id === body.periodId);
      if (!period) throw bad('Нет закрытого периода: подтверждать итоговые отметки пока нечего');
      const what = period.id === YEAR_FINAL ? 'учебный год' : period.name;
      text = `Классный руководитель просит подтвердить ознакомление с итоговыми отметками за ${what}`;
    }
    // DIARY-27: the notice's id is the kind and the school's day, so a second one that day is the same notice.
    const id = `${kind}-${day}`;
    const sent: string[] = [];
    const already: string[] = [];
    for (const studentId of new Set(ids as string[])) {
      const had = (await deps.storage.diaryNotices(studentId, 50)).some((n) => n.id === id);
      if (had) {
        already.push(studentId);
        continue;
      }
      await deps.storage.addDiaryNotice({ id, studentId, text, from: user.name, at: deps.now() });
      sent.push(studentId);
    }
    if (sent.length === 0) {
      const names = already.map((s) => current.get(s)!.name).join(', ');
      throw new HTTPException(429, {
        message: `Сегодня это напоминание уже отправлено (${names}); следующее можно будет отправить завтра`,
      });
    }
    for (const studentId of sent) {
      // The notices are stored: a failing projector must not turn the answer into an error (it reprojects later).
      try {
        deps.onNotice?.(studentId);
      } catch (e) {
        if (deps.onError) deps.onError(e);
        else logError(logger, e);
      }
    }
    return c.json({ ok: true, sent, already, text });
  });

  return app;
}

/** DIARY-22: a mark is the diary's key `lessonId:place`, in the shapes the journal writes. */
function markItem(item: unknown): string {
  const parts = typeof item === 'string' ? item.split(':') : [];
  if (parts.length !== 2 || parseLessonId(parts[0]) === null || parseMarkPlace(parts[1]) === null) {
    throw bad('Отметка указывается ключом дневника «урок:место»');
  }
  return item as string;
}
