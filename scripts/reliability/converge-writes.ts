import * as prng from 'lib0/prng';
import {
  addMark,
  enterAbsence,
  marksOf,
  markToTuple,
  setAbsenceReason,
  setLessonField,
  setMark,
  type IsoDate,
  type LessonId,
  type StoredMark,
  type StudentId,
  type WorkTypeId,
} from '../../model/index.ts';
import type { ConvergeCast } from './converge-cast.ts';
import type { SyncDevice } from './sync-device.ts';

/** A mark a device typed: its comment is unique in the run, so it can be found wherever it ends up. */
export interface WrittenMark {
  device: string;
  userId: string;
  lessonId: LessonId;
  studentId: StudentId;
  /** Where the device put it; the server may move it to a free place of the cell (MARK-8). */
  key: string;
  tuple: string;
  comment: string;
  /** Written where its user may not write: the server must refuse it (PERM-2, PERM-8). */
  forbidden: boolean;
}

/** The last value a device wrote at one path of a single-valued key (topic, homework, absence, reason). */
export interface WrittenValue {
  device: string;
  userId: string;
  path: string;
  value: string;
  forbidden: boolean;
}

type Login = 'teacher' | 'substitute' | 'classteacher';

/**
 * What the devices of one converge seed type, chosen by the seed: each user mostly where they
 * may write — `teacher` on her own lessons and the substituted one, `substitute` on that one,
 * `classteacher` absence reasons — and now and then where they may not. Marks go half into
 * places of their own (MARK-8) and half into the first free version 1 place the device sees, as
 * a device that has not updated yet would, so that concurrent writers really meet on one key.
 */
export class ConvergeWriter {
  readonly marks: WrittenMark[] = [];
  /** By `device|path`: only the last value counts, earlier ones were the device's own drafts. */
  readonly values = new Map<string, WrittenValue>();
  writes = 0;
  private n = 0;

  constructor(
    private readonly seed: number,
    private readonly cast: ConvergeCast,
    private readonly rng: prng.PRNG,
  ) {}

  /** One edit by `device`, or none when the roll picked a full cell or a value already there. */
  writeOne(device: SyncDevice): void {
    const login = device.userId.slice(2) as Login;
    const roll = prng.uint32(this.rng, 0, 99);
    const { teacherLessons, substitutedLesson } = this.cast;
    const all = [...teacherLessons, substitutedLesson];
    if (login === 'teacher') {
      if (roll < 45) return this.mark(device, prng.oneOf(this.rng, all), false);
      if (roll < 60) return this.lessonText(device, prng.oneOf(this.rng, all), false);
      if (roll < 85) return this.absence(device, prng.oneOf(this.rng, all));
      return this.reason(device, true);
    }
    if (login === 'substitute') {
      if (roll < 50) return this.mark(device, substitutedLesson, false);
      if (roll < 65) return this.lessonText(device, substitutedLesson, false);
      if (roll < 80) return this.absence(device, substitutedLesson);
      return this.mark(device, prng.oneOf(this.rng, teacherLessons), true);
    }
    if (roll < 60) return this.reason(device, false);
    if (roll < 85) return this.mark(device, prng.oneOf(this.rng, all), true);
    return this.lessonText(device, prng.oneOf(this.rng, all), true);
  }

  private mark(device: SyncDevice, lessonId: LessonId, forbidden: boolean): void {
    const studentId = prng.oneOf(this.rng, this.cast.students);
    const comment = `s${this.seed} ${device.name} ${++this.n}`;
    const mark: StoredMark = { v: prng.oneOf(this.rng, [2, 3, 4, 5] as const), t: 'oral' as WorkTypeId, w: 1, c: comment };
    let place: string | null;
    if (prng.bool(this.rng)) {
      place = device.write(() => addMark(device.doc, lessonId, studentId, mark, () => prng.real53(this.rng)));
    } else {
      const taken = new Set(marksOf(device.doc, lessonId, studentId).map((m) => m.place));
      place = ['0', '1', '2', '3'].find((p) => !taken.has(p)) ?? null;
      if (place !== null) device.write(() => setMark(device.doc, lessonId, studentId, place!, mark));
    }
    if (place === null) return;
    this.writes++;
    const key = `${lessonId}:${studentId}:${place}`;
    this.marks.push({ device: device.name, userId: device.userId, lessonId, studentId, key, tuple: markToTuple(mark), comment, forbidden });
  }

  private lessonText(device: SyncDevice, lessonId: LessonId, forbidden: boolean): void {
    const field = prng.bool(this.rng) ? 'topic' : 'homework';
    const text = `${field === 'topic' ? 'Тема' : '№'} s${this.seed} ${device.name} ${++this.n}`;
    this.single(device, `lessons/${lessonId}:${field}`, text, forbidden, () => setLessonField(device.doc, lessonId, field, text));
  }

  private absence(device: SyncDevice, lessonId: LessonId): void {
    const studentId = prng.oneOf(this.rng, this.cast.students);
    const mark = prng.oneOf(this.rng, ['absent', 'late'] as const);
    this.single(device, `attendance/${lessonId}:${studentId}`, mark, false, () => enterAbsence(device.doc, lessonId, studentId, mark));
  }

  private reason(device: SyncDevice, forbidden: boolean): void {
    const studentId = prng.oneOf(this.rng, this.cast.students);
    const date: IsoDate = prng.oneOf(this.rng, this.cast.dates);
    const reason = prng.oneOf(this.rng, ['Б', 'У', 'Н', 'О'] as const);
    this.single(device, `reasons/${studentId}:${date}`, reason, forbidden, () => setAbsenceReason(device.doc, studentId, date, reason));
  }

  /** Writes one single value; one the device already shows is no edit (DOC-5) and is not counted. */
  private single(device: SyncDevice, path: string, value: string, forbidden: boolean, write: () => void): void {
    const slash = path.indexOf('/');
    if (device.doc.getMap(path.slice(0, slash)).get(path.slice(slash + 1)) === value) return;
    device.write(write);
    this.writes++;
    this.values.set(`${device.name}|${path}`, { device: device.name, userId: device.userId, path, value, forbidden });
  }
}
