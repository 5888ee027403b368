import type * as Y from 'yjs';
import type { GroupId, IsoDate, StudentId, SubjectId } from '../ids.ts';
import { parseLessonId, type LessonKey } from '../journal/lesson.ts';
import { allMarks, type Mark } from '../journal/mark.ts';
import { compareMarks } from '../journal/mark-places.ts';
import { formatMark } from '../marking/mark-value.ts';

/** A mark with its lesson's date, slot, subject and group (LES-2). */
export type DatedMark = Mark & LessonKey;

/**
 * Every mark of the lessons dated in `[from, to]`, in the order they were given: by date, bell
 * slot, subject, group, student and the mark's order in its cell (MARK-8). One pass over the
 * marks map (a full year holds ~13,000), each lesson id parsed once.
 */
export function marksBetween(journal: Y.Doc, from: IsoDate, to: IsoDate): DatedMark[] {
  const out: DatedMark[] = [];
  for (const m of allMarks(journal)) {
    const k = parseLessonId(m.lessonId);
    if (k && k.date >= from && k.date <= to) out.push({ ...m, ...k });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort(
    (a, b) =>
      cmp(a.date, b.date) ||
      a.slot - b.slot ||
      cmp(a.subjectId, b.subjectId) ||
      cmp(a.groupId, b.groupId) ||
      cmp(a.studentId, b.studentId) ||
      compareMarks(a, b),
  );
}

/** The key of a journal page (subject × group) in `marksByPage`. */
export const pageKey = (subjectId: SubjectId, groupId: GroupId) => `${subjectId}:${groupId}`;

/** Marks grouped by page (`pageKey`) and student, each list keeping the order of `marks`. */
export function marksByPage(marks: readonly DatedMark[]): Map<string, Map<StudentId, DatedMark[]>> {
  const out = new Map<string, Map<StudentId, DatedMark[]>>();
  for (const m of marks) {
    const key = pageKey(m.subjectId, m.groupId);
    const page = out.get(key) ?? new Map<StudentId, DatedMark[]>();
    out.set(key, page);
    const list = page.get(m.studentId);
    if (list) list.push(m);
    else page.set(m.studentId, [m]);
  }
  return out;
}

/**
 * Marks as a parent checks an average by hand: each mark (MARK-7) with its weight in brackets,
 * a decimal comma for a fractional weight.
 *
 * @example marksWithWeights([{ value: 5, weight: 1 }, { value: 4, weight: 3 }, { value: 'P', weight: 1.5 }]) === '5(1) 4(3) зч(1,5)'
 */
export function marksWithWeights(marks: ReadonlyArray<Pick<Mark, 'value' | 'weight'>>): string {
  return marks.map((m) => `${formatMark(m.value)}(${String(m.weight).replace('.', ',')})`).join(' ');
}

/** The key of one student's marks of a page in a period in `marksByPeriod`: the finals map's key (FIN-3). */
export const periodMarksKey = (subjectId: SubjectId, groupId: GroupId, periodId: string, studentId: StudentId) =>
  `${subjectId}:${groupId}:${periodId}:${studentId}`;

/**
 * The marks behind every period final of a journal (FIN-2): per page, study period and student
 * (`periodMarksKey`), the marks of the period's lessons up to `cutoff`, in the order they were
 * given. One pass over the marks for the whole year, whatever the number of periods.
 */
export function marksByPeriod(
  journal: Y.Doc,
  periods: ReadonlyArray<{ id: string; startsOn: IsoDate; endsOn: IsoDate }>,
  cutoff: IsoDate,
): Map<string, DatedMark[]> {
  const out = new Map<string, DatedMark[]>();
  if (periods.length === 0) return out;
  const from = periods.reduce((d, p) => (p.startsOn < d ? p.startsOn : d), periods[0].startsOn);
  for (const m of marksBetween(journal, from, cutoff)) {
    const p = periods.find((x) => m.date >= x.startsOn && m.date <= x.endsOn);
    if (!p) continue;
    const key = periodMarksKey(m.subjectId, m.groupId, p.id, m.studentId);
    const list = out.get(key);
    if (list) list.push(m);
    else out.set(key, [m]);
  }
  return out;
}
