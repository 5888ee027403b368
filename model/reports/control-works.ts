import type * as Y from 'yjs';
import type { WorkTypeId } from '../ids.ts';
import { readAbsence } from '../journal/attendance.ts';
import { classLessons } from '../journal/class-lessons.ts';
import { readLesson, type LessonRecord } from '../journal/lesson.ts';
import { marksOf, type Mark } from '../journal/mark.ts';
import { isEnrolledOn, isInGroup, listStudents } from '../journal/student.ts';
import { ktpItems } from '../school/ktp.ts';
import { markingOf, subjects, workTypes } from '../school/subject.ts';
import { lessonTopic } from './lesson-topic.ts';
import { pageKey } from './period-marks.ts';
import { periodCutoff, periodRange, reportClass, reportPeriod, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { markedPages } from './report-pages.ts';
import { percent, type ReportCell, type ReportTable } from './report-table.ts';

/** REP-6: a work type is a control work when its id is `control` or its name says «контрольная…». */
export function isControlWorkType(school: Y.Doc, id: WorkTypeId | null): boolean {
  if (id === null) return false;
  return id === 'control' || (workTypes.get(school, id)?.name ?? '').toLowerCase().startsWith('контрольн');
}

/**
 * REP-6: a lesson is a control work when its work type (LES-3) is a control work type, or when
 * its КТП item is of the kind `control` (a контрольный диктант is a control work by the plan,
 * whatever work type the teacher chose).
 */
export function isControlWork(school: Y.Doc, lesson: Pick<LessonRecord, 'workType' | 'ktpItemId'>): boolean {
  return (
    isControlWorkType(school, lesson.workType) || (lesson.ktpItemId !== null && ktpItems.get(school, lesson.ktpItemId)?.kind === 'control')
  );
}

const FORMULA = [
  'Контрольная работа — урок, у которого вид работы «Контрольная работа», или урок, тема которого в КТП — контрольная работа (например, контрольный диктант).',
  'Учащихся — в классе (группе) в день работы; отсутствовали — отмеченные «н» на этом уроке.',
  'Отметки за работу — отметки этого урока с видом работы урока (устные ответы на том же уроке не считаются); если вид работы не указан — все отметки урока. За диктант бывает две отметки каждому: считается каждая.',
  'Писали — учащиеся, получившие за работу хотя бы одну отметку.',
  '«2» — отметки «2» и «1», по зачётным предметам — «незачёт».',
  'Успеваемость, % = отметки «3», «4», «5» (и «зачёт») ÷ число отметок за работу × 100.',
  'Качество, % = отметки «4» и «5» ÷ число отметок за работу × 100 (для зачётных предметов не считается).',
  'Средний балл = сумма отметок ÷ их число (только пятибалльные).',
];

/**
 * REP-6: «Результаты контрольных работ» — every control work (`isControlWork`) of the class in
 * the period up to its cutoff, in date order: the date, subject, topic, the students on the
 * page that day (STU-1, STU-2) and the absent, and the marks of the work (of the lesson's work
 * type): how many wrote, the counts of 5/4/3/2, success %, quality %, mean. The journal has no
 * separate schedule of control works yet: they are read from the journal and the КТП.
 */
export function controlWorks(input: ReportInput): ReportTable {
  const { classId, cls, journal } = reportClass(input);
  const { period } = reportPeriod(input, cls.grade);
  const cutoff = periodCutoff(period, input.today);
  const roster = listStudents(journal);
  const pages = new Map(markedPages(input.school, classId, cls.grade).map((p) => [pageKey(p.subjectId, p.groupId), p]));
  const rows: Array<Record<string, ReportCell>> = [];
  for (const l of classLessons(input.school, journal, classId, period.startsOn, cutoff)) {
    const record = readLesson(journal, l.id);
    if (!isControlWork(input.school, record)) continue;
    const page = pages.get(pageKey(l.subjectId, l.groupId));
    const students = roster.filter((s) => isEnrolledOn(s, l.date) && isInGroup(s, l.groupId, l.date, l.subjectId));
    const ofWork = (m: Mark) => record.workType === null || m.workType === record.workType;
    const marks = students.map((s) => marksOf(journal, l.id, s.id).filter(ofWork));
    const values = marks.flat().map((m) => m.value);
    const n = (v: Mark['value']) => values.filter((x) => x === v).length;
    const five = values.filter((v): v is 1 | 2 | 3 | 4 | 5 => typeof v === 'number');
    const system = markingOf(subjects.get(input.school, l.subjectId), cls.grade);
    const passfail = system === 'passfail';
    const graded = system !== 'none';
    const subject = page?.name ?? subjects.get(input.school, l.subjectId)?.name ?? l.subjectId;
    rows.push({
      date: reportDate(l.date),
      subject,
      topic: lessonTopic(input.school, record),
      workType: record.workType ? (workTypes.get(input.school, record.workType)?.name ?? record.workType) : 'по КТП',
      students: students.length,
      absent: students.filter((s) => readAbsence(journal, l.id, s.id) === 'absent').length,
      wrote: graded ? marks.filter((list) => list.length > 0).length : null,
      marks: graded ? values.length : null,
      n5: graded && !passfail ? n(5) : null,
      n4: graded && !passfail ? n(4) : null,
      n3: graded && !passfail ? n(3) : null,
      n2: graded ? n(2) + n(1) + n('F') : null,
      success: graded ? percent(n(5) + n(4) + n(3) + n('P'), values.length) : null,
      quality: graded && !passfail ? percent(n(5) + n(4), values.length) : null,
      mean: five.length === 0 ? null : Math.round((five.reduce((a, b) => a + b, 0) / five.length) * 100) / 100,
      work: `${l.date.slice(8, 10)}.${l.date.slice(5, 7)} ${subject}`,
    });
  }
  const notes = [
    'Отдельного графика контрольных работ в журнале пока нет: контрольные работы взяты из журнала (вид работы урока) и из КТП (темы вида «контрольная»).',
    ...(cls.grade <= 1 ? ['В 1 классе отметки не ставятся: у работ нет отметок.'] : []),
  ];
  return {
    kind: 'control-works',
    title: 'Результаты контрольных работ',
    scope: `${cls.name} · ${period.name} (${periodRange(period)}) · работы по ${reportDate(cutoff)}`,
    // The work's topic first: the printout gives its first column the room (REP-0's PDF).
    columns: [
      { key: 'topic', title: 'Работа' },
      { key: 'date', title: 'Дата' },
      { key: 'subject', title: 'Предмет' },
      { key: 'workType', title: 'Вид работы' },
      { key: 'students', title: 'Учащихся', format: 'count' },
      { key: 'absent', title: 'Отсутствовали', format: 'count' },
      { key: 'wrote', title: 'Писали', format: 'count' },
      { key: 'marks', title: 'Отметок', format: 'count' },
      { key: 'n5', title: '«5»', format: 'count' },
      { key: 'n4', title: '«4»', format: 'count' },
      { key: 'n3', title: '«3»', format: 'count' },
      { key: 'n2', title: '«2» / незачёт', format: 'count' },
      { key: 'success', title: 'Успеваемость', format: 'percent' },
      { key: 'quality', title: 'Качество', format: 'percent' },
      { key: 'mean', title: 'Средний балл', format: 'mean' },
    ],
    rows,
    formula: FORMULA,
    chart: { title: 'Успеваемость и качество по контрольным работам, %', labelKey: 'work', valueKeys: ['success', 'quality'], max: 100 },
    notes,
  };
}

export const controlWorksReport: ReportDefinition = {
  kind: 'control-works',
  title: 'Результаты контрольных работ',
  needs: ['class', 'period'],
  build: controlWorks,
};
