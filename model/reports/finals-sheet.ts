import type * as Y from 'yjs';
import { rootMap, splitKey } from '../doc/flat-map.ts';
import type { GroupId, IsoDate, PeriodId, StudentId, SubjectId } from '../ids.ts';
import { readFinal } from '../journal/final.ts';
import { readJournalMeta } from '../journal/journal-doc.ts';
import { listStudents, type Student } from '../journal/student.ts';
import { EXAM_FINAL, EXAM_FINAL_NAME, hasLeavingFinal, LEAVING_FINAL, LEAVING_FINAL_NAME } from '../journal/exam-final.ts';
import { YEAR_FINAL, YEAR_FINAL_NAME } from '../journal/year-final.ts';
import { formatMark } from '../marking/mark-value.ts';
import { periods, periodsForGrade, readSchoolMeta } from '../school/school-year.ts';
import { classes } from '../school/staff.ts';
import { hasExamIn, markingOf, subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';

/** A column group of the sheet: a study period, or the year final (FIN-3). */
export interface FinalsSheetPeriod {
  id: PeriodId;
  name: string;
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
}

/**
 * The summary sheet of finals (сводная ведомость учёта успеваемости): students × subjects ×
 * periods, the values of the journal's `finals` map (FIN-1, read with `readFinal`). One
 * computation for the archive's finals.csv and finals.pdf and for the report REP-2.
 */
export interface FinalsGrid {
  grade: number;
  /** The whole roster in its order (STU-3), those who left or arrived included; then anyone a final names who is not on it. */
  students: Student[];
  subjects: Array<{ id: SubjectId; name: string }>;
  /**
   * The periods of the class's grade (SCH-1), the year (FIN-3), «Экзамен» (FIN-7: a subject of the
   * sheet has an exam in the grade) and «Итоговая» (FIN-8: grades 9 and 11) — each when asked for
   * (`yearColumn`) or written — then any other period the finals name.
   */
  periods: FinalsSheetPeriod[];
  /** `studentId:subjectId:periodId` → «5», «зч»; finals of one subject in two groups are joined with « / ». */
  values: Map<string, string>;
}

/** The key of one cell of `FinalsGrid.values`. */
export const finalKey = (studentId: string, subjectId: string, periodId: string) => `${studentId}:${subjectId}:${periodId}`;

/**
 * REP-2: the finals sheet of a class journal. Subjects: every subject the class is taught with
 * marks (teaching load, MARK-3) and every subject a final names, in the school's catalogue
 * order. Periods: those of the class's grade in date order, the year final's column (always with
 * `yearColumn`, else only once a year final is written), then likewise the exam's (FIN-7, when a
 * subject of the sheet has an exam in the grade) and the итоговая's (FIN-8, grades 9 and 11) —
 * the same columns for every subject, empty where a subject has none — then any other period a final names.
 * Without the school year, ids stand in for names.
 *
 * @example finalsGrid(journal, school, { yearColumn: true }).values.get(finalKey('st1', 'math', 'q1')) // '5'
 */
export function finalsGrid(journal: Y.Doc, school: Y.Doc | null, opts: { yearColumn?: boolean } = {}): FinalsGrid {
  const meta = readJournalMeta(journal);
  const classId = meta?.classId ?? '';
  const grade = meta?.grade ?? (school ? classes.get(school, classId)?.grade : undefined) ?? 0;
  const subject = (id: string) => (school ? subjects.get(school, id) : undefined);
  const values = new Map<string, string>();
  const subjectIds = new Set<string>();
  const periodIds = new Set<string>();
  rootMap(journal, 'finals').forEach((_v, key) => {
    const parts = splitKey(key);
    if (parts.length !== 4) return;
    const [subjectId, groupId, periodId, studentId] = parts as [SubjectId, GroupId, PeriodId, StudentId];
    const v = readFinal(journal, subjectId, groupId, periodId, studentId);
    if (v === null) return;
    subjectIds.add(subjectId);
    periodIds.add(periodId);
    const k = finalKey(studentId, subjectId, periodId);
    const before = values.get(k);
    values.set(k, before === undefined || before === formatMark(v) ? formatMark(v) : `${before} / ${formatMark(v)}`);
  });
  // Subjects the class is taught with marks (MARK-3), in the school's catalogue order.
  for (const a of school ? allAssignments(school) : []) {
    if (a.classId === classId && markingOf(subject(a.subjectId), grade) !== 'none') subjectIds.add(a.subjectId);
  }
  const order = (school ? subjects.all(school) : []).map(([id]) => id);
  const ordered = [...order.filter((id) => subjectIds.has(id)), ...[...subjectIds].filter((id) => !order.includes(id)).sort()];
  const own = school ? periodsForGrade(school, grade) : [];
  const isOwn = (id: string) => own.some(([p]) => p === id);
  const year: FinalsSheetPeriod[] = (opts.yearColumn || periodIds.has(YEAR_FINAL)) && !isOwn(YEAR_FINAL) ? [yearColumn(school)] : [];
  const exam = periodIds.has(EXAM_FINAL) || (opts.yearColumn && ordered.some((id) => hasExamIn(subject(id), grade)));
  const leaving = periodIds.has(LEAVING_FINAL) || (opts.yearColumn && hasLeavingFinal(grade));
  const afterYear: FinalsSheetPeriod[] = [
    ...(exam && !isOwn(EXAM_FINAL) ? [{ ...yearColumn(school), id: EXAM_FINAL, name: EXAM_FINAL_NAME }] : []),
    ...(leaving && !isOwn(LEAVING_FINAL) ? [{ ...yearColumn(school), id: LEAVING_FINAL, name: LEAVING_FINAL_NAME }] : []),
  ];
  // A final of a student no longer on the roster is still shown, under the id.
  const roster = listStudents(journal);
  const studentIds = new Set([...values.keys()].map((k) => k.slice(0, k.indexOf(':'))));
  const unlisted = [...studentIds].filter((id) => !roster.some((s) => s.id === id)).sort();
  const beyond = new Set<string>([YEAR_FINAL, EXAM_FINAL, LEAVING_FINAL]);
  const extra = [...periodIds].filter((id) => !isOwn(id) && !beyond.has(id)).sort();
  return {
    grade,
    students: [
      ...roster,
      ...unlisted.map((id) => ({ id: id as StudentId, name: `нет в списке класса (${id})`, groups: [], enrolledOn: null, leftOn: null })),
    ],
    subjects: ordered.map((id) => ({ id: id as SubjectId, name: subject(id)?.name ?? id })),
    periods: [
      ...own.map(([id, p]) => ({ id: id as PeriodId, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
      ...year,
      ...afterYear,
      ...extra.map((id) => {
        const p = school ? periods.get(school, id) : undefined;
        return { id: id as PeriodId, name: p?.name ?? id, startsOn: p?.startsOn ?? null, endsOn: p?.endsOn ?? null };
      }),
    ],
    values,
  };
}

/** FIN-3: the year final's column, spanning the school year. */
function yearColumn(school: Y.Doc | null): FinalsSheetPeriod {
  const meta = school ? readSchoolMeta(school) : undefined;
  return { id: YEAR_FINAL, name: YEAR_FINAL_NAME, startsOn: meta?.startsOn ?? null, endsOn: meta?.endsOn ?? null };
}
