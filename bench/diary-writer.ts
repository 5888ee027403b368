import { performance } from 'node:perf_hooks';
import {
  addMark,
  classes,
  isInGroup,
  listStudents,
  pageLessons,
  periodAt,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type LessonId,
  type MarkValue,
  type StudentId,
  type SubjectId,
  type WorkTypeId,
} from '../model/index.ts';
import type { Storage } from '../sync-server/storage/port.ts';
import { noteEdit, type Peer } from './peers-clients.ts';
import { loadStored, SCHOOL_DOC } from './diary-server.ts';

export const JOURNAL_5B = 'journal/5b/2026';

/** Where the teacher's marks go: every cell of these students in these lessons is one the rules accept. */
export interface TeacherCells {
  lessons: LessonId[];
  students: StudentId[];
}

/**
 * The cells `teacher` may write on 5Б mathematics on `day` (PERM-2, PERM-4, PERM-10, PERM-13):
 * their own lessons (no substitute) of the period that runs, before `day` (so they have begun
 * whatever the hour), and the students on the page for the whole of it (no arrival, departure
 * or individual plan in between).
 */
export async function teacherCells(storage: Storage, day: string): Promise<TeacherCells> {
  const school = await loadStored(storage, SCHOOL_DOC);
  const journal = await loadStored(storage, JOURNAL_5B);
  const grade = classes.get(school, '5b')?.grade ?? 5;
  const period = periodAt(school, grade, day as IsoDate)?.[1];
  if (!period) throw new Error(`diary bench: no period of grade ${grade} runs on ${day}`);
  const planned = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
    (l) => l.substituteId === null && l.teacherId === 'u-teacher' && l.date < day && l.date >= period.startsOn,
  );
  const students = listStudents(journal).filter(
    (s) => s.enrolledOn === null && s.leftOn === null && planned.every((l) => isInGroup(s, WHOLE_CLASS, l.date, 'math')),
  );
  if (planned.length === 0 || students.length === 0) throw new Error(`diary bench: teacher has no 5Б mathematics cell to write on ${day}`);
  return { lessons: planned.map((l) => l.id), students: students.map((s) => s.id) };
}

/** One mark the teacher wrote: the key it has in the student's diary (`lessonId:place`), and when. */
export interface Written {
  diaryKey: string;
  studentId: StudentId;
  at: number;
}

/**
 * The teacher's device: each `write` adds one mark through the model's accessor (a new place
 * after the cell's others, MARK-8), going round the students first so that consecutive marks
 * land in different diaries, and records the edit for its durable ack.
 */
export class MarkWriter {
  private next = 0;

  constructor(
    private readonly peer: Peer,
    private readonly cells: TeacherCells,
  ) {}

  write(): Written {
    const { students, lessons } = this.cells;
    const doc = this.peer.doc;
    for (let tries = 0; tries < students.length * lessons.length; tries++) {
      const k = this.next++;
      const studentId = students[k % students.length];
      const lessonId = lessons[Math.floor(k / students.length) % lessons.length];
      const at = performance.now();
      let place: string | null = null;
      doc.transact(() => (place = addMark(doc, lessonId, studentId, { v: (2 + (k % 4)) as MarkValue, t: 'oral' as WorkTypeId, w: 1 })));
      if (place === null) continue; // a full cell (MARK-6): the next one
      noteEdit(this.peer, at);
      return { diaryKey: `${lessonId}:${place}`, studentId, at };
    }
    throw new Error('diary bench: every cell the teacher may write is full');
  }
}
