import * as prng from 'lib0/prng';
import type * as Y from 'yjs';
import {
  addDays,
  addMark,
  bellSchedule,
  enterAbsence,
  lessonStartsAt,
  listStudents,
  pageLessons,
  readDeadlines,
  setAbsenceReason,
  setLessonField,
  setMark,
  WHOLE_CLASS,
  workTypes,
  type ClassId,
  type IsoDate,
  type LessonId,
  type StoredMark,
  type StudentId,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import type { SyncDevice } from './sync-device.ts';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/** One path a device's own transaction changed: to what, and when it was typed (on the server's clock). */
export interface TypedChange {
  path: string;
  value: unknown;
  at: number;
}

/**
 * Records every path the device's own transactions change, with the moment `at()` names: the
 * truth the history must tell back once the server has put the device's clock on its own (TIME-5).
 */
export function recordTyping(doc: Y.Doc, at: () => number): TypedChange[] {
  const out: TypedChange[] = [];
  const maps = ['lessons', 'marks', 'attendance', 'reasons'].map((name) => [name, doc.getMap(name)] as const);
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    // Remote updates (the server's, a peer's) arrive in transactions that are not local.
    if (!tr.local) return;
    for (const [type, keys] of tr.changed) {
      const entry = maps.find(([, m]) => (m as unknown) === type);
      if (!entry) continue;
      for (const key of keys) if (key !== null) out.push({ path: `${entry[0]}/${key}`, value: entry[1].get(key) ?? null, at: at() });
    }
  });
  return out;
}

interface TimedLesson {
  id: LessonId;
  date: IsoDate;
  startsAt: number;
}

/** Where the demo's 5Б lets `teacher` (mathematics) and `classteacher` (Russian, absence reasons) write. */
export class TimePages {
  readonly math: TimedLesson[];
  readonly russian: TimedLesson[];
  readonly students: StudentId[];
  readonly utcOffsetMinutes: number;
  private readonly weights = new Map<string, number>();

  constructor(school: Y.Doc, journal: Y.Doc) {
    const starts = new Map(bellSchedule(school).map(({ slot, bell }) => [slot, bell.starts]));
    this.utcOffsetMinutes = readDeadlines(school).utcOffsetMinutes;
    const page = (subject: string) =>
      pageLessons(school, journal, '5b' as ClassId, subject as SubjectId, WHOLE_CLASS)
        .filter((l) => l.substituteId === null)
        .map((l) => ({ id: l.id, date: l.date, startsAt: lessonStartsAt(l, starts, this.utcOffsetMinutes) }));
    this.math = page('math');
    this.russian = page('rus');
    this.students = listStudents(journal)
      .filter((s) => s.enrolledOn === null && s.leftOn === null)
      .map((s) => s.id);
    for (const id of ['oral', 'indep', 'control', 'homework']) this.weights.set(id, workTypes.get(school, id as WorkTypeId)!.weight);
  }

  /** The school's date of an instant (TIME-1: its fixed offset). */
  dateOf(at: number): IsoDate {
    return new Date(at + this.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10) as IsoDate;
  }

  /** A moment of a school day, `minute` minutes after its midnight, school time. */
  momentOf(date: IsoDate, minute: number): number {
    return Date.parse(`${date}T00:00:00Z`) + (minute - this.utcOffsetMinutes) * MINUTE;
  }

  /** A mark of a work type the seed picks: oral ones are due the same day, written ones days later (TIME-2). */
  mark(rng: prng.PRNG, comment: string): StoredMark {
    const t = prng.oneOf(rng, ['oral', 'oral', 'oral', 'indep', 'control', 'homework']);
    return { v: prng.oneOf(rng, [2, 3, 4, 5] as const), t: t as WorkTypeId, w: this.weights.get(t)!, c: comment };
  }
}

/**
 * The offline month of `teacher`'s laptop: `edits` edits typed from the day after it went
 * offline to the day before it came back, between 08:00 and 23:00 school time but never within a
 * quarter of an hour of 19:00 (the default end of a lesson day, TIME-1), so that no deadline is
 * nearer to a typing moment than the clocks' measuring error. At each moment it types what a
 * teacher would: marks and attendance in lessons that have begun in the week before, topics and
 * homework a week either side, and corrections of marks typed earlier offline.
 */
export class OfflineMonth {
  private readonly placed: Array<{ lesson: LessonId; student: StudentId; place: string }> = [];

  constructor(
    private readonly pages: TimePages,
    private readonly rng: prng.PRNG,
    private readonly from: IsoDate,
    private readonly days: number,
    private readonly edits: number,
  ) {}

  /** When edit `i` is typed, on the server's clock: increasing with `i`. */
  typedAt(i: number): number {
    const f = (i * (this.days - 2)) / this.edits;
    const day = Math.floor(f);
    // 15 hours a day less the half hour around 19:00, which is skipped.
    let minute = 8 * 60 + (f - day) * (15 * 60 - 30);
    if (minute >= 18 * 60 + 45) minute += 30;
    return this.pages.momentOf(addDays(this.from, day + 1), Math.floor(minute));
  }

  /** Types edit `i` at `at` (the device's clock already reads it). */
  type(device: SyncDevice, i: number, at: number): void {
    const today = this.pages.dateOf(at);
    const week = (l: TimedLesson, ahead: number) => l.date >= addDays(today, -7) && l.date <= addDays(today, ahead);
    const begun = this.pages.math.filter((l) => l.startsAt <= at && week(l, 0));
    const near = this.pages.math.filter((l) => week(l, 7));
    const roll = prng.uint32(this.rng, 0, 99);
    const doc = device.doc;
    if (roll < 40 && begun.length > 0) {
      const lesson = prng.oneOf(this.rng, begun).id;
      const student = prng.oneOf(this.rng, this.pages.students);
      const place = device.write(() => addMark(doc, lesson, student, this.pages.mark(this.rng, `o${i}`), () => prng.real53(this.rng)));
      if (place !== null) return void this.placed.push({ lesson, student, place });
    } else if (roll < 55 && this.placed.length > 0) {
      // MARK-9: a mark typed earlier is corrected in its own place.
      const { lesson, student, place } = prng.oneOf(this.rng, this.placed);
      return device.write(() => setMark(doc, lesson, student, place, this.pages.mark(this.rng, `o${i}`)));
    } else if (roll < 70 && begun.length > 0) {
      const lesson = prng.oneOf(this.rng, begun).id;
      const mark = prng.oneOf(this.rng, ['absent', 'late'] as const);
      return device.write(() => enterAbsence(doc, lesson, prng.oneOf(this.rng, this.pages.students), mark));
    }
    const field = prng.bool(this.rng) ? 'topic' : 'homework';
    device.write(() => setLessonField(doc, prng.oneOf(this.rng, near).id, field, `${field === 'topic' ? 'Тема' : '№'} ${i}`));
  }
}

/**
 * One live edit of `classteacher`'s phone at `at` (now, on the server's clock): a topic or
 * homework of a Russian lesson five days either side, a mark in one of the five days before, or
 * an absence reason (which has no deadline, TIME-4).
 */
export function typeLive(device: SyncDevice, pages: TimePages, rng: prng.PRNG, i: number, at: number): void {
  const today = pages.dateOf(at);
  const within = (l: TimedLesson, from: number, to: number) => l.date >= addDays(today, from) && l.date <= addDays(today, to);
  const roll = prng.uint32(rng, 0, 99);
  const doc = device.doc;
  const past = pages.russian.filter((l) => within(l, -5, -1));
  if (roll < 35 || past.length === 0) {
    const lesson = prng.oneOf(
      rng,
      pages.russian.filter((l) => within(l, -5, 5)),
    ).id;
    const field = prng.bool(rng) ? 'topic' : 'homework';
    return device.write(() => setLessonField(doc, lesson, field, `${field === 'topic' ? 'Тема' : '№'} live ${i}`));
  }
  const student = prng.oneOf(rng, pages.students);
  if (roll < 75) {
    const lesson = prng.oneOf(rng, past).id;
    device.write(() => addMark(doc, lesson, student, pages.mark(rng, `live ${i}`), () => prng.real53(rng)));
    return;
  }
  const reason = prng.oneOf(rng, ['Б', 'У', 'Н', 'О'] as const);
  device.write(() => setAbsenceReason(doc, student, addDays(today, -prng.uint32(rng, 0, 5)), reason));
}
