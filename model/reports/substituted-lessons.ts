import { addDays } from '../dates.ts';
import type { UserId } from '../ids.ts';
import { isAttendanceRecorded } from '../journal/attendance.ts';
import { classLessons } from '../journal/class-lessons.ts';
import { readLesson } from '../journal/lesson.ts';
import { allMarks } from '../journal/mark.ts';
import { listStudents } from '../journal/student.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { staff } from '../school/staff.ts';
import { substitutions } from '../school/substitution.ts';
import { missingJournalNotes, reportClasses } from './report-classes.ts';
import { ReportParamError, type ReportDefinition, type ReportInput } from './report-context.ts';
import { dateRange, reportMonth } from './report-month.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

const TITLE = 'Учёт замещённых уроков';

const FORMULA = [
  'Считаются уроки месяца по вчерашний день включительно (сегодняшние уроки ещё могут быть заполнены).',
  'Замещал — число замен месяца, в которых учитель назначен заменяющим; замещали его — число замен, в которых он назван отсутствующим учителем.',
  'Уроков за месяц — уроки по расписанию (без каникул и праздников), которые вёл учитель: его уроки, кроме замещённых, и уроки, которые он замещал.',
  'Не заполнено — из этих уроков те, по которым в журнале нет ни темы, ни одной отметки, ни отметок посещаемости («н», «оп» или «все присутствуют»); такой урок числится за тем, кто его вёл (за заменяющим, если была замена).',
  'Итого — суммы по всем учителям.',
];

interface Tally {
  lessons: number;
  substituted: number;
  away: number;
  unfilled: number;
}

/**
 * REP-12: «Учёт замещённых уроков» — per teacher for one month, up to yesterday: the lessons they
 * substituted and the lessons of theirs that were substituted (SCH-7, the school year's
 * `substitutions`), the timetabled lessons they taught (PAGE-1, PAGE-2: holidays out, a
 * substituted lesson goes to its substitute), and of those the ones with nothing recorded —
 * no topic, no mark, no attendance (ATT-4) — «не заполнено». School-wide, or one class.
 */
export function substitutedLessons(input: ReportInput): ReportTable {
  const year = readSchoolMeta(input.school);
  if (!year) throw new ReportParamError('Учебный год не задан');
  const month = reportMonth(input, year);
  const yesterday = addDays(input.today, -1);
  const to = month.to < yesterday ? month.to : yesterday;
  const list = reportClasses(input);
  const inScope = new Set<string>(list.map((c) => c.classId));
  const byTeacher = new Map<UserId, Tally>();
  const tally = (id: UserId) => {
    let t = byTeacher.get(id);
    if (!t) byTeacher.set(id, (t = { lessons: 0, substituted: 0, away: 0, unfilled: 0 }));
    return t;
  };
  let later = 0;
  for (const [, s] of substitutions.all(input.school)) {
    if (!inScope.has(s.classId) || s.date < month.from || s.date > month.to) continue;
    if (s.date > to) later++;
    else {
      tally(s.teacherId).substituted++;
      tally(s.absentTeacherId).away++;
    }
  }
  if (to >= month.from) {
    for (const { classId, journal } of list) {
      if (!journal) continue;
      const marked = new Set<string>(allMarks(journal).map((m) => m.lessonId));
      const roster = listStudents(journal).map((s) => s.id);
      for (const l of classLessons(input.school, journal, classId, month.from, to)) {
        const teacher = l.substituteId ?? l.teacherId;
        if (teacher === null) continue;
        const t = tally(teacher);
        t.lessons++;
        if (readLesson(journal, l.id).topic === '' && !marked.has(l.id) && !isAttendanceRecorded(journal, l.id, roster)) t.unfilled++;
      }
    }
  }
  const name = (id: string) => staff.get(input.school, id)?.name ?? id;
  const teachers = [...byTeacher.entries()].sort(([a], [b]) => name(a).localeCompare(name(b), 'ru'));
  const rows: Array<Record<string, ReportCell>> = teachers.map(([id, t]) => ({ teacher: name(id), ...t }));
  if (rows.length > 0) {
    const sum = (k: keyof Tally) => teachers.reduce((n, [, t]) => n + t[k], 0);
    rows.push({ teacher: 'Итого', lessons: sum('lessons'), substituted: sum('substituted'), away: sum('away'), unfilled: sum('unfilled') });
  }
  const notes = missingJournalNotes(list);
  if (to < month.from) notes.push(`${month.title}: прошедших дней ещё нет.`);
  if (later > 0) notes.push(`Замен, назначенных на сегодня и следующие дни месяца: ${later}; они не учтены.`);
  const scope = input.params.classId && list.length === 1 ? list[0].cls.name : 'Вся школа';
  return {
    kind: 'substitutions',
    title: TITLE,
    scope: `${scope} · ${month.title} (${dateRange(month.from, to < month.from ? month.to : to)})`,
    columns: [
      { key: 'teacher', title: 'Учитель' },
      { key: 'lessons', title: 'Уроков за месяц', format: 'count' },
      { key: 'substituted', title: 'Замещал уроков', format: 'count' },
      { key: 'away', title: 'Замещали его уроков', format: 'count' },
      { key: 'unfilled', title: 'Не заполнено уроков', format: 'count' },
    ],
    rows,
    formula: FORMULA,
    notes: notes.length > 0 ? notes : undefined,
  };
}

export const substitutedLessonsReport: ReportDefinition = {
  kind: 'substitutions',
  title: TITLE,
  needs: ['month'],
  build: substitutedLessons,
};
