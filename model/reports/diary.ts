import type * as Y from 'yjs';
import { weekday } from '../dates.ts';
import { WHOLE_CLASS, type IsoDate } from '../ids.ts';
import { readAbsence, readAbsenceReason } from '../journal/attendance.ts';
import { classLessons } from '../journal/class-lessons.ts';
import { readLesson } from '../journal/lesson.ts';
import { marksOf, type Mark } from '../journal/mark.ts';
import type { PlannedLesson } from '../journal/page.ts';
import type { AbsenceMark, AbsenceReason } from '../marking/attendance.ts';
import { formatMark } from '../marking/mark-value.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { groups, staff } from '../school/staff.ts';
import { subjects, workTypes } from '../school/subject.ts';
import { hadLesson } from './attendance-day.ts';
import { groupLabel } from './class-results.ts';
import { lessonTopic } from './lesson-topic.ts';
import { reportClass, ReportParamError, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { reportDays, reportStudent } from './report-student.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

const TITLE = 'Выписка из электронного дневника';

/** The regulations: parents who refuse electronic access get a printout at least every 2 weeks. */
export const DIARY_DAYS = 14;

const WEEKDAYS = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'];

const FORMULA = [
  `Период выписки — с первого по последний указанный день включительно; если дни не указаны — последние ${DIARY_DAYS} дней по сегодняшний день. Уроки после сегодняшнего дня не показываются: они ещё не проведены.`,
  'Уроки — по расписанию класса с заменами и переносами, каникулы не в счёт, только те, что у ученика были: в дни, когда он в списке класса, и уроки его группы; по дате и номеру урока.',
  'Под строкой урока (предмет, для урока группы — и группа) — его тема, записанная учителем в журнале (если её нет — тема урока по тематическому плану), и домашнее задание, записанное к этому уроку.',
  'Отметки — все отметки ученика за урок, в порядке выставления, по одной в строке, с видом работы: 5 — «отлично», 4 — «хорошо», 3 — «удовлетворительно», 2 — «неудовлетворительно», зч — «зачёт», нз — «незачёт».',
  'Посещение — отметка учителя «н» (не был(а)) или «оп» (опоздал(а)) и причина дня, указанная классным руководителем: по болезни, по уважительной причине, без уважительной причины; пусто — был на уроке.',
];

/** «16.11, пн»: the year is in the scope. */
const dayLabel = (date: IsoDate) => `${date.slice(8, 10)}.${date.slice(5, 7)}, ${WEEKDAYS[weekday(date) - 1]}`;

/** «Английский язык, 1 группа». */
function subjectName(school: Y.Doc, l: PlannedLesson): string {
  const name = subjects.get(school, l.subjectId)?.name ?? l.subjectId;
  return l.groupId === WHOLE_CLASS ? name : `${name}, ${groupLabel(groups.get(school, l.groupId)?.name ?? l.groupId)}`;
}

/** «5 (Устный ответ)», «зч (Тест)»: a mark with its work type. */
const markText = (school: Y.Doc, m: Mark) => `${formatMark(m.value)} (${workTypes.get(school, m.workType)?.name ?? m.workType})`;

const REASON: Record<AbsenceReason, string> = { Б: 'по болезни', У: 'по уваж. причине', Н: 'без уваж. причины', О: 'опоздание' };

const row = (lesson: string | null, date: string | null = null, attendance: string | null = null): Record<string, ReportCell> => ({
  lesson,
  date,
  marks: null,
  attendance,
});

/** «не был(а), по болезни», «опоздал(а)», or null (present): the attendance of a lesson as a parent reads it (ATT-1, ATT-2). */
function attendanceText(mark: AbsenceMark | null, reason: AbsenceReason | null): string | null {
  if (mark === 'late') return 'опоздал(а)';
  if (mark !== 'absent') return null;
  return reason === null ? 'не был(а)' : `не был(а), ${REASON[reason]}`;
}

/**
 * REP-15: «Выписка из электронного дневника» — for parents who refuse electronic access, at least
 * every 2 weeks: one student's lessons of the days asked (by default the last `DIARY_DAYS` up to
 * today, never past today), each with its date, subject (and group), topic (`lessonTopic`), the
 * student's marks with their work types and attendance with the day's reason; the topic and
 * homework follow the lesson's line as rows of their own, so that a printout shows them whole.
 * Only the lessons the student had count (ATT-5, ATT-8): none before an arrival or from a departure.
 */
export function diary(input: ReportInput): ReportTable {
  const { classId, cls, journal } = reportClass(input);
  const student = reportStudent(input, journal, cls.name);
  const year = readSchoolMeta(input.school);
  if (!year) throw new ReportParamError('Учебный год не задан');
  const { from, to } = reportDays(input, year, DIARY_DAYS);
  const last = to < input.today ? to : input.today;
  const lessons = classLessons(input.school, journal, classId, from, last).filter((l) => hadLesson(student, l));
  const rows: Array<Record<string, ReportCell>> = [];
  let marks = 0;
  let missed = 0;
  let late = 0;
  for (const l of lessons) {
    const record = readLesson(journal, l.id);
    const given = marksOf(journal, l.id, student.id);
    const absence = readAbsence(journal, l.id, student.id);
    marks += given.length;
    if (absence === 'absent') missed++;
    if (absence === 'late') late++;
    // A lesson is a block of rows: its line, then its topic and homework, each a row of its own,
    // and its marks one a row down the marks column — a printed cell is one line, and only the
    // first column has the width for a topic (REP-0's PDF).
    const block = [
      row(
        subjectName(input.school, l),
        dayLabel(l.date),
        attendanceText(absence, absence === null ? null : readAbsenceReason(journal, student.id, l.date)),
      ),
      row(`Тема: ${lessonTopic(input.school, record)}`),
      ...(record.homework === '' ? [] : [row(`Задание: ${record.homework}`)]),
    ];
    given.forEach((m, i) => ((block[i] ??= row(null)).marks = markText(input.school, m)));
    rows.push(...block);
  }
  const teacher = cls.classTeacherId ? staff.get(input.school, cls.classTeacherId)?.name : undefined;
  const inside = (d: IsoDate | null): d is IsoDate => d !== null && d > from && d <= last;
  const notes = [
    `Уроков: ${lessons.length}, отметок: ${marks}, пропущено уроков: ${missed}, опозданий: ${late}.`,
    ...(inside(student.enrolledOn) ? [`Прибыл(а) в класс ${reportDate(student.enrolledOn)}: уроки до этого дня не показаны.`] : []),
    ...(inside(student.leftOn) ? [`Выбыл(а) ${reportDate(student.leftOn)}: уроки с этого дня не показаны.`] : []),
    ...(student.leftOn !== null && student.leftOn <= from ? [`Выбыл(а) ${reportDate(student.leftOn)}, до начала выписки.`] : []),
    ...(cls.grade <= 1 ? ['В 1 классе отметки и домашние задания не ставятся: в выписке — темы уроков и посещение.'] : []),
    ...(last < to ? [`Уроки после ${reportDate(last)} ещё не проведены.`] : []),
    `Классный руководитель: ${teacher ?? '—'} ____________`,
    'С выпиской ознакомлен(а): ______________________ (подпись родителя (законного представителя), дата)',
  ];
  return {
    kind: 'diary',
    title: `${TITLE}: ${student.name}, ${cls.name}`,
    scope: `${year.schoolName} · ${year.title} · с ${reportDate(from)} по ${reportDate(to)}`,
    columns: [
      { key: 'lesson', title: 'Предмет, тема урока, домашнее задание' },
      { key: 'date', title: 'Дата' },
      { key: 'marks', title: 'Отметки (вид работы)' },
      { key: 'attendance', title: 'Посещение' },
    ],
    rows,
    formula: FORMULA,
    notes,
  };
}

export const diaryReport: ReportDefinition = {
  kind: 'diary',
  title: TITLE,
  needs: ['class', 'student', 'dates'],
  build: diary,
};
