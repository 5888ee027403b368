import type * as Y from 'yjs';
import type { ClassId, GroupId, SubjectId } from '../ids.ts';
import type { Student } from '../journal/student.ts';
import type { MarkValue } from '../marking/mark-value.ts';
import { groups } from '../school/staff.ts';
import { markingOf, subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { percent, type ReportCell, type ReportColumn } from './report-table.ts';

/** A page (subject × group) of a class's results: a row of REP-1 and REP-17. */
export interface ResultsPage {
  subjectId: SubjectId;
  groupId: GroupId;
  /** «Математика», «Английский язык, 1 группа». */
  name: string;
  /** Marked «зачёт / незачёт» in the class's grade (YEAR-10): no «5»…«3», no quality. */
  passfail: boolean;
}

/** «Английский язык, 1 группа» → «1 группа»: the subject is already named. */
export function groupLabel(name: string): string {
  const comma = name.lastIndexOf(',');
  return comma >= 0 ? name.slice(comma + 1).trim() : name;
}

/**
 * The pages of a class's results: its teaching load (SCH-5) without the subjects that get no marks
 * in its grade (`markingOf`, MARK-3), by subject name the Russian way, then by group.
 */
export function resultsPages(school: Y.Doc, classId: ClassId, grade: number): ResultsPage[] {
  return allAssignments(school)
    .filter((a) => a.classId === classId)
    .map((a) => ({ ...a, subject: subjects.get(school, a.subjectId) }))
    .filter((a) => a.subject && markingOf(a.subject, grade) !== 'none')
    .sort((a, b) => a.subject!.name.localeCompare(b.subject!.name, 'ru') || a.groupId.localeCompare(b.groupId))
    .map((a) => ({
      subjectId: a.subjectId,
      groupId: a.groupId,
      name: a.subject!.name + (a.groupId === 'all' ? '' : `, ${groupLabel(groups.get(school, a.groupId)?.name ?? a.groupId)}`),
      passfail: markingOf(a.subject, grade) === 'passfail',
    }));
}

/** The columns of REP-1 and REP-17. */
export const RESULTS_COLUMNS: ReportColumn[] = [
  { key: 'subject', title: 'Предмет' },
  { key: 'students', title: 'Учащихся', format: 'count' },
  { key: 'n5', title: '«5»', format: 'count' },
  { key: 'n4', title: '«4»', format: 'count' },
  { key: 'n3', title: '«3»', format: 'count' },
  { key: 'n2', title: '«2» / незачёт', format: 'count' },
  { key: 'none', title: 'Не аттестованы', format: 'count' },
  { key: 'success', title: 'Успеваемость', format: 'percent' },
  { key: 'quality', title: 'Качество', format: 'percent' },
  { key: 'mean', title: 'Средний балл', format: 'mean' },
];

interface Tally {
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  pass: number;
  fail: number;
  none: number;
  sum: number;
  count: number;
}

const emptyTally = (): Tally => ({ n5: 0, n4: 0, n3: 0, n2: 0, pass: 0, fail: 0, none: 0, sum: 0, count: 0 });

function add(t: Tally, v: MarkValue | null): void {
  if (v === null) t.none++;
  else if (v === 'P') t.pass++;
  else if (v === 'F') t.fail++;
  else {
    if (v === 5) t.n5++;
    else if (v === 4) t.n4++;
    else if (v === 3) t.n3++;
    else t.n2++;
    t.sum += v;
    t.count++;
  }
}

const mean = (sum: number, count: number): number | null => (count === 0 ? null : Math.round((sum / count) * 100) / 100);

/**
 * REP-1's table over any finals: per page, the count of finals 5/4/3/2 (1 with 2; незачёт for
 * pass/fail), those without one, success % = finals ≥ 3 (and зачёт) ÷ students × 100, quality % =
 * finals ≥ 4 ÷ students × 100 (not for pass/fail), the mean of five-point finals; then the class's
 * total over `roster`: succeeding with every final ≥ 3 (or зачёт), good with every one ≥ 4 (or
 * зачёт). `valueOf` gives the final a row counts (a set one, or a forecast), null for none.
 */
export function resultsRows(
  pages: readonly ResultsPage[],
  roster: readonly Student[],
  studentsOf: (page: ResultsPage) => readonly Student[],
  valueOf: (page: ResultsPage, student: Student) => MarkValue | null,
): Array<Record<string, ReportCell>> {
  const rows: Array<Record<string, ReportCell>> = [];
  // Per student: every final they got, to tell who succeeds in all subjects.
  const byStudent = new Map<Student['id'], Array<MarkValue | null>>();
  const all = emptyTally();
  for (const page of pages) {
    const students = studentsOf(page);
    const t = emptyTally();
    for (const s of students) {
      const v = valueOf(page, s);
      add(t, v);
      add(all, v);
      byStudent.set(s.id, [...(byStudent.get(s.id) ?? []), v]);
    }
    rows.push({
      subject: page.name,
      students: students.length,
      n5: page.passfail ? null : t.n5,
      n4: page.passfail ? null : t.n4,
      n3: page.passfail ? null : t.n3,
      n2: page.passfail ? t.fail : t.n2,
      none: t.none,
      success: percent(t.n5 + t.n4 + t.n3 + t.pass, students.length),
      quality: page.passfail ? null : percent(t.n5 + t.n4, students.length),
      mean: mean(t.sum, t.count),
    });
  }
  const finals = [...byStudent.values()];
  const succeeding = finals.filter((fs) => fs.every((v) => v !== null && v !== 'F' && (v === 'P' || v >= 3))).length;
  const good = finals.filter((fs) => fs.every((v) => v === 'P' || (typeof v === 'number' && v >= 4))).length;
  if (rows.length > 0) {
    rows.push({
      subject: 'Итого по классу',
      students: roster.length,
      n5: all.n5,
      n4: all.n4,
      n3: all.n3,
      n2: all.n2 + all.fail,
      none: all.none,
      success: percent(succeeding, roster.length),
      quality: percent(good, roster.length),
      mean: mean(all.sum, all.count),
    });
  }
  return rows;
}
