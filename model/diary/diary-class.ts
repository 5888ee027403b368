import type * as Y from 'yjs';
import { derived } from '../doc/doc-cache.ts';
import { rootMap } from '../doc/flat-map.ts';
import { WHOLE_CLASS, type ClassId, type IsoDate, type StudentId } from '../ids.ts';
import { classLessons } from '../journal/class-lessons.ts';
import { readLesson } from '../journal/lesson.ts';
import { allMarks, type Mark } from '../journal/mark.ts';
import { listFamilyNotes, type FamilyNote } from '../journal/family-note.ts';
import { ktpItems } from '../school/ktp.ts';
import type { PlannedLesson } from '../journal/page.ts';
import { bells } from '../school/bells.ts';
import { plannedControlWorks } from '../school/control-work.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { groups } from '../school/staff.ts';
import { groupLabel } from '../reports/results-tally.ts';

/** A lesson of the class as every diary of the class shows it, before the student's own records. */
export interface ClassDiaryLesson {
  lesson: PlannedLesson;
  start: string | null;
  end: string | null;
  group: string | null;
  /** The next lesson of the same subject and group (the homework is for it). */
  nextDate: IsoDate | null;
  control: boolean;
  /** The teacher's topic, else the КТП's; '' when none. */
  topic: string;
  homework: string;
}

/** What every diary of one class shares: the year's lessons, and each student's marks and finals. */
export interface ClassDiary {
  lessons: readonly ClassDiaryLesson[];
  marksOf: ReadonlyMap<string, readonly Mark[]>;
  /** `finals` entries of each student: [subjectId, periodId, value]. */
  finalsOf: ReadonlyMap<string, ReadonlyArray<[string, string, unknown]>>;
  /** NOTE-4: each student's notes to the family. */
  notesOf: ReadonlyMap<string, readonly FamilyNote[]>;
}

const NONE: readonly never[] = [];

/**
 * DIARY-2: the class's lessons of the whole year and its students' marks and finals, computed
 * once per version of the journal and of the school year: a lesson's topic touches every diary
 * of the class (25–35), which then share this instead of each listing the year again.
 */
export function classDiary(school: Y.Doc, journal: Y.Doc, classId: ClassId): ClassDiary {
  // A token that changes with every version of the school year keys the journal's cache.
  const schoolVersion = derived(school, 'diary-school-version', () => ({}));
  const perSchool = derived(journal, `diary-class:${classId}`, () => new WeakMap<object, ClassDiary>());
  let out = perSchool.get(schoolVersion);
  if (!out) {
    out = buildClassDiary(school, journal, classId);
    perSchool.set(schoolVersion, out);
  }
  return out;
}

function buildClassDiary(school: Y.Doc, journal: Y.Doc, classId: ClassId): ClassDiary {
  const year = readSchoolMeta(school);
  const planned = year ? classLessons(school, journal, classId, year.startsOn, year.endsOn) : [];
  const controls = new Set<string>();
  for (const [, w] of plannedControlWorks.all(school)) if (w.classId === classId) controls.add(`${w.date}|${w.subjectId}|${w.groupId}`);
  const bell = new Map(bells.all(school).map(([k, b]) => [Number(k), b]));
  // Walk backwards so each lesson learns the date of the next one of its page.
  const nextOfPage = new Map<string, IsoDate>();
  const lessons: ClassDiaryLesson[] = [];
  for (let i = planned.length - 1; i >= 0; i--) {
    const l = planned[i];
    const page = `${l.subjectId}|${l.groupId}`;
    const record = readLesson(journal, l.id);
    lessons.push({
      topic: record.topic || (record.ktpItemId !== null ? (ktpItems.get(school, record.ktpItemId)?.title ?? '') : ''),
      homework: record.homework,
      lesson: l,
      start: bell.get(l.slot)?.starts ?? null,
      end: bell.get(l.slot)?.ends ?? null,
      group: l.groupId === WHOLE_CLASS ? null : groupLabel(groups.get(school, l.groupId)?.name ?? l.groupId),
      nextDate: nextOfPage.get(page) ?? null,
      control: controls.has(`${l.date}|${l.subjectId}|${WHOLE_CLASS}`) || controls.has(`${l.date}|${l.subjectId}|${l.groupId}`),
    });
    if (!l.movedTo) nextOfPage.set(page, l.date);
  }
  const marksOf = new Map<string, Mark[]>();
  for (const m of allMarks(journal)) {
    const list = marksOf.get(m.studentId);
    if (list) list.push(m);
    else marksOf.set(m.studentId, [m]);
  }
  const finalsOf = new Map<string, Array<[string, string, unknown]>>();
  rootMap(journal, 'finals').forEach((v, key) => {
    const [subjectId, , periodId, studentId] = key.split(':');
    if (studentId === undefined || v === null || typeof v !== 'object' || Array.isArray(v)) return;
    const list = finalsOf.get(studentId) ?? [];
    list.push([subjectId, periodId, v.v]);
    finalsOf.set(studentId, list);
  });
  const notesOf = new Map<string, FamilyNote[]>();
  for (const n of listFamilyNotes(journal)) notesOf.set(n.studentId, [...(notesOf.get(n.studentId) ?? []), n]);
  // Built from the last lesson back: put in date order again.
  return { lessons: lessons.reverse(), marksOf, finalsOf, notesOf };
}

/** NOTE-4: the student's notes to the family in the journal (none when they have none). */
export function studentNotes(c: ClassDiary, studentId: StudentId): readonly FamilyNote[] {
  return c.notesOf.get(studentId) ?? NONE;
}

/** The student's marks in the journal (none when they have none). */
export function studentMarks(c: ClassDiary, studentId: StudentId): readonly Mark[] {
  return c.marksOf.get(studentId) ?? NONE;
}
