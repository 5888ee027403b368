import { readLesson } from '../journal/lesson.ts';
import { isEnrolledOn, listStudents } from '../journal/student.ts';
import { formatMark, type MarkValue } from '../marking/mark-value.ts';
import { subjects, workTypes } from '../school/subject.ts';
import { lessonTopic } from './lesson-topic.ts';
import { marksBetween, pageKey } from './period-marks.ts';
import { periodCutoff, periodRange, reportClass, reportPeriod, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { markedPages } from './report-pages.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

/** REP-5: the unsatisfactory marks: «2», «1», and «незачёт» of a pass/fail subject. */
export function isFailingMark(v: MarkValue): boolean {
  return v === 1 || v === 2 || v === 'F';
}

/**
 * REP-5: «Неудовлетворительные отметки с темами» — per student of the class's roster at the
 * period's cutoff (STU-1, STU-3), each unsatisfactory mark of the period's lessons up to the
 * cutoff, in date order, with the subject, the lesson's topic (LES-3) and the mark's own work
 * type: what the student has to catch up on.
 */
export function failingMarks(input: ReportInput): ReportTable {
  const { classId, cls, journal } = reportClass(input);
  const { period } = reportPeriod(input, cls.grade);
  const cutoff = periodCutoff(period, input.today);
  const roster = listStudents(journal).filter((s) => isEnrolledOn(s, cutoff));
  const pages = new Map(markedPages(input.school, classId, cls.grade).map((p) => [pageKey(p.subjectId, p.groupId), p]));
  const marks = marksBetween(journal, period.startsOn, cutoff).filter((m) => isFailingMark(m.value));
  const rows: Array<Record<string, ReportCell>> = [];
  for (const s of roster) {
    for (const m of marks) {
      if (m.studentId !== s.id) continue;
      const page = pages.get(pageKey(m.subjectId, m.groupId));
      rows.push({
        student: s.name,
        date: reportDate(m.date),
        subject: page?.name ?? subjects.get(input.school, m.subjectId)?.name ?? m.subjectId,
        topic: lessonTopic(input.school, readLesson(journal, m.lessonId)),
        workType: workTypes.get(input.school, m.workType)?.name ?? m.workType,
        mark: typeof m.value === 'number' ? m.value : formatMark(m.value),
      });
    }
  }
  const students = new Set(rows.map((r) => r.student)).size;
  const notes = [
    ...(cls.grade <= 1 ? ['В 1 классе отметки не ставятся: неудовлетворительных отметок нет.'] : []),
    ...(cls.grade > 1 ? [`Всего: ${rows.length} неудовлетворительных отметок у ${students} учащихся.`] : []),
  ];
  return {
    kind: 'failing-marks',
    title: 'Неудовлетворительные отметки с темами',
    scope: `${cls.name} · ${period.name} (${periodRange(period)}) · отметки по ${reportDate(cutoff)}`,
    // The topic first: the printout gives its first column the room (REP-0's PDF), and the topic is what to catch up on.
    columns: [
      { key: 'topic', title: 'Тема урока' },
      { key: 'student', title: 'Ученик' },
      { key: 'date', title: 'Дата' },
      { key: 'subject', title: 'Предмет' },
      { key: 'workType', title: 'Вид работы' },
      { key: 'mark', title: 'Отметка' },
    ],
    rows,
    formula: [
      'Неудовлетворительные отметки — «2» и «1», а по зачётным предметам — «незачёт» («нз»).',
      'Учитываются отметки уроков периода с его начала по сегодняшний день (по последний день, если период окончен).',
      'Тема — тема урока, на котором поставлена отметка, как её записал учитель (если не записана — тема урока по КТП); вид работы — тот, с которым выставлена отметка.',
      'В списке — учащиеся класса на сегодня (на конец периода, если он окончен), по алфавиту, отметки каждого — по датам.',
    ],
    notes,
  };
}

export const failingMarksReport: ReportDefinition = {
  kind: 'failing-marks',
  title: 'Неудовлетворительные отметки с темами',
  needs: ['class', 'period'],
  build: failingMarks,
};
