import { monitorSchool, type SchoolMonitoring } from '../monitoring/school-monitoring.ts';
import type { PageFigures } from '../monitoring/page-monitoring.ts';
import { groups, staff } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { groupLabel } from './class-results.ts';
import { periodRange, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { percent, type ReportCell, type ReportTable } from './report-table.ts';

const TITLE = 'Полнота и своевременность заполнения журнала';

const FORMULA = [
  'Считаются уроки периода с его начала по вчерашний день включительно (сегодняшние уроки ещё можно записать сегодня): уроки страницы журнала по расписанию, с заменами, без каникул. Учитель — по распределению нагрузки; уроки, проведённые на замене, учтены на его странице.',
  'Проведено уроков — число таких уроков; записано — из них уроков с темой.',
  'Темы в срок, % = уроки, тема которых внесена не позже срока (в день урока до установленного часа), ÷ уроки с темой, время внесения которых известно, × 100.',
  'Отметок — число отметок на этих уроках; отметки в срок, % = отметки, внесённые не позже срока (устные — в день урока, письменные работы — в срок проверки для их вида работы), ÷ отметки, время внесения которых известно, × 100.',
  'Время внесения — из истории изменений: когда запись появилась (последующие исправления его не меняют), по часам устройства, если они были сверены с сервером, иначе по часам сервера. Записи без истории (загруженные при создании журнала) в долях «в срок» не учитываются; их число — в примечании.',
  'Домашнее задание, % = уроки с домашним заданием ÷ проведённые уроки × 100 (в 1 классе не задаётся).',
  'Учащихся — на странице журнала (в группе) на последний учтённый день: выбывшие не считаются, прибывшие считаются. Без отметок и с одной отметкой — число таких учащихся за учтённые уроки периода (в 1 классе отметок нет).',
  'Итого: суммы по строкам, доли — из этих сумм (домашнее задание — по урокам классов с отметками); учащиеся не суммируются: один ученик есть на многих страницах, а «без отметок» и «с одной отметкой» в итоге — число таких случаев по страницам.',
];

interface Sums {
  held: number;
  recorded: number;
  onTime: number;
  late: number;
  marks: number;
  marksOnTime: number;
  marksLate: number;
  homework: number;
  students: number;
  noMarks: number;
  oneMark: number;
}

function sumsOf(p: PageFigures): Sums {
  return {
    held: p.held.length,
    recorded: p.recorded.length,
    onTime: p.recordedOnTime.length,
    late: p.recordedLate.length,
    marks: p.marks.length,
    marksOnTime: p.marksOnTime.length,
    marksLate: p.marksLate.length,
    homework: p.homework.length,
    students: p.students.length,
    noMarks: p.noMarks.length,
    oneMark: p.oneMark.length,
  };
}

function cells(s: Sums, marked: boolean): Record<string, ReportCell> {
  return {
    held: s.held,
    recorded: s.recorded,
    topicsOnTime: percent(s.onTime, s.onTime + s.late),
    marks: marked ? s.marks : null,
    marksOnTime: marked ? percent(s.marksOnTime, s.marksOnTime + s.marksLate) : null,
    homework: marked ? percent(s.homework, s.held) : null,
    students: s.students,
    noMarks: marked ? s.noMarks : null,
    oneMark: marked ? s.oneMark : null,
  };
}

function scopeOf(input: ReportInput, m: SchoolMonitoring): string {
  const where = input.params.classId && m.classes.length === 1 ? m.classes[0].name : 'Вся школа';
  const periods = [...new Map(m.classes.map((c) => [c.periodId, c])).values()];
  const what = periods.map((c) => `${c.period.name} (${periodRange(c.period)})`).join(', ');
  const upTo = m.classes.length > 0 ? m.classes.reduce((t, c) => (c.to > t ? c.to : t), m.classes[0].to) : null;
  return `${where}${what ? ` · ${what}` : ''}${upTo ? ` · по ${reportDate(upTo)}` : ''}`;
}

/**
 * REP-13: «Полнота и своевременность заполнения журнала» — per teacher × class × subject (group)
 * page of the load, for a period (each class's of today without one; school-wide or one class):
 * lessons held and recorded, the on-time share of lesson records and of marks (MON-2), the
 * homework share, and accumulation (MON-3). The same computation as the deputy's monitoring
 * (`monitorSchool`), so the two never disagree.
 */
export function completeness(input: ReportInput): ReportTable {
  const m = monitorSchool({
    school: input.school,
    journals: input.journals,
    changes: input.changes,
    classId: input.params.classId,
    periodId: input.params.periodId,
    today: input.today,
  });
  const grades = new Map(m.classes.map((c) => [c.classId as string, c]));
  const name = (id: string) => staff.get(input.school, id)?.name ?? id;
  const pages = [...m.pages].sort(
    (a, b) =>
      name(a.teacherId).localeCompare(name(b.teacherId), 'ru') ||
      grades.get(a.classId)!.grade - grades.get(b.classId)!.grade ||
      grades.get(a.classId)!.name.localeCompare(grades.get(b.classId)!.name, 'ru'),
  );
  const total: Sums = {
    held: 0,
    recorded: 0,
    onTime: 0,
    late: 0,
    marks: 0,
    marksOnTime: 0,
    marksLate: 0,
    homework: 0,
    students: 0,
    noMarks: 0,
    oneMark: 0,
  };
  let unknownTopics = 0;
  let unknownMarks = 0;
  let anyMarked = false;
  const rows: Array<Record<string, ReportCell>> = pages.map((p) => {
    const s = sumsOf(p);
    const marked = p.marking !== 'none';
    anyMarked ||= marked;
    for (const k of Object.keys(total) as Array<keyof Sums>) {
      // Grade 1 has no homework and no marks: its lessons do not dilute the school's shares.
      if (!marked && (k === 'homework' || k === 'noMarks' || k === 'oneMark')) continue;
      total[k] += s[k];
    }
    unknownTopics += p.recordedUnknown.length;
    unknownMarks += p.marksUnknown.length;
    const subject = subjects.get(input.school, p.subjectId)?.name ?? p.subjectId;
    const group = p.groupId === 'all' ? '' : `, ${groupLabel(groups.get(input.school, p.groupId)?.name ?? p.groupId)}`;
    return { teacher: name(p.teacherId), class: grades.get(p.classId)!.name, subject: subject + group, ...cells(s, marked) };
  });
  if (rows.length > 1) {
    const heldMarked = pages.filter((p) => p.marking !== 'none').reduce((n, p) => n + p.held.length, 0);
    rows.push({
      teacher: 'Итого',
      class: null,
      subject: null,
      ...cells(total, anyMarked),
      homework: anyMarked ? percent(total.homework, heldMarked) : null,
      // One student is on many pages: their number does not add up.
      students: null,
    });
  }
  const notes = [...m.notes];
  if (unknownTopics + unknownMarks > 0) {
    notes.push(
      `Без истории изменений (внесены при создании журнала, время неизвестно): уроков с темой — ${unknownTopics}, отметок — ${unknownMarks}; в долях «в срок» они не учтены.`,
    );
  }
  return {
    kind: 'completeness',
    title: TITLE,
    scope: scopeOf(input, m),
    columns: [
      { key: 'teacher', title: 'Учитель' },
      { key: 'class', title: 'Класс' },
      { key: 'subject', title: 'Предмет' },
      { key: 'held', title: 'Проведено уроков', format: 'count' },
      { key: 'recorded', title: 'Записано (с темой)', format: 'count' },
      { key: 'topicsOnTime', title: 'Темы в срок', format: 'percent' },
      { key: 'marks', title: 'Отметок', format: 'count' },
      { key: 'marksOnTime', title: 'Отметки в срок', format: 'percent' },
      { key: 'homework', title: 'Домашнее задание', format: 'percent' },
      { key: 'students', title: 'Учащихся', format: 'count' },
      { key: 'noMarks', title: 'Без отметок', format: 'count' },
      { key: 'oneMark', title: 'С одной отметкой', format: 'count' },
    ],
    rows,
    formula: FORMULA,
    notes: notes.length > 0 ? notes : undefined,
  };
}

export const completenessReport: ReportDefinition = {
  kind: 'completeness',
  title: TITLE,
  needs: ['period', 'history'],
  build: completeness,
};
