import { WHOLE_CLASS } from '../ids.ts';
import { readAbsence, readAbsenceReason } from '../journal/attendance.ts';
import { classLessons } from '../journal/class-lessons.ts';
import { readLesson } from '../journal/lesson.ts';
import { listStudents } from '../journal/student.ts';
import { groups } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { hadLesson } from './attendance-day.ts';
import { groupLabel } from './class-results.ts';
import { lessonTopic } from './lesson-topic.ts';
import { periodCutoff, periodRange, reportClass, reportPeriod, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

const TITLE = 'Пропущенные уроки с темами';

const FORMULA = [
  'Для каждого учащегося — каждый урок периода (по сегодняшний день, если период не окончен), на котором у него отметка «н».',
  'Учитываются только уроки, которые у учащегося были: в дни, когда он в списке класса, и уроки его группы; опоздание («оп») пропуском не считается.',
  'Тема — тема урока, записанная учителем (если её нет — тема урока по КТП).',
  'Причина — причина дня, указанная классным руководителем: «Б» — болезнь, «У» — уважительная, «Н» — неуважительная, «О» — опоздание; «—» — причина не указана.',
  'Учащиеся без пропусков в таблицу не входят.',
];

/**
 * REP-9: «Пропущенные уроки с темами» — for catch-up work: per student of the class, each lesson
 * of the period (up to today) they were marked absent on (ATT-1), with its date, subject (and
 * group) and topic, and the day's reason (ATT-2). Only lessons the student had count (ATT-5).
 */
export function missedTopics(input: ReportInput): ReportTable {
  const { classId, cls, journal } = reportClass(input);
  const { period } = reportPeriod(input, cls.grade);
  const cutoff = periodCutoff(period, input.today);
  const lessons = classLessons(input.school, journal, classId, period.startsOn, cutoff);
  const subjectName = (l: (typeof lessons)[number]) => {
    const name = subjects.get(input.school, l.subjectId)?.name ?? l.subjectId;
    return l.groupId === WHOLE_CLASS ? name : `${name}, ${groupLabel(groups.get(input.school, l.groupId)?.name ?? l.groupId)}`;
  };
  const rows: Array<Record<string, ReportCell>> = [];
  const students = listStudents(journal);
  let absentStudents = 0;
  for (const s of students) {
    const missed = lessons.filter((l) => hadLesson(s, l) && readAbsence(journal, l.id, s.id) === 'absent');
    if (missed.length > 0) absentStudents++;
    for (const l of missed) {
      const reason = readAbsenceReason(journal, s.id, l.date);
      rows.push({
        student: s.name,
        date: reportDate(l.date),
        subject: subjectName(l),
        topic: lessonTopic(input.school, readLesson(journal, l.id)),
        reason: reason ?? '—',
      });
    }
  }
  const present = students.filter((s) => lessons.some((l) => hadLesson(s, l))).length;
  return {
    kind: 'missed-topics',
    title: TITLE,
    scope: `${cls.name} · ${period.name} (${periodRange(period)})`,
    columns: [
      { key: 'student', title: 'Учащийся' },
      { key: 'date', title: 'Дата' },
      { key: 'subject', title: 'Предмет' },
      { key: 'topic', title: 'Тема урока' },
      { key: 'reason', title: 'Причина' },
    ],
    rows,
    formula: FORMULA,
    notes: [`Пропущено уроков: ${rows.length}, у ${absentStudents} учащихся из ${present}.`],
  };
}

export const missedTopicsReport: ReportDefinition = {
  kind: 'missed-topics',
  title: TITLE,
  needs: ['class', 'period'],
  build: missedTopics,
};
