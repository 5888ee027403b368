import type * as Y from 'yjs';
import type { ClassId } from '../ids.ts';
import { addDays } from '../dates.ts';
import { missingJournalNotes, reportClasses } from './report-classes.ts';
import type { ReportDefinition, ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { iupList, type IupListSubject } from './iup-list.ts';
import type { ReportTable } from './report-table.ts';

const TITLE = 'Обучающиеся по индивидуальным учебным планам';

const FORMULA = [
  'Все учащиеся, у которых в журнале класса записан индивидуальный учебный план (ИУП), по классам и в порядке списка класса.',
  'Срок — первый и последний день плана («—» — до конца учебного года).',
  'По каждому предмету плана: «индивидуально» — занятия в группе из одного учащегося, с учителем по распределению нагрузки; «не изучает» — предмет по плану не изучается. Остальные предметы учащийся изучает с классом.',
];

const subjectText = (s: IupListSubject) =>
  s.mode === 'exempt' ? `${s.subject} — не изучает` : `${s.subject} — индивидуально, ${s.teacher ?? 'учитель не назначен'}`;

/**
 * IUP-9: the school's list of students on individual study plans («списки обучающихся по
 * индивидуальным учебным планам»), as a report: printable and exportable like every other,
 * built on the server from the stored journals instead of the journals on one device.
 */
export function iupReport(input: ReportInput): ReportTable {
  const list = reportClasses(input);
  const journals = new Map<ClassId, Y.Doc>(list.filter((c) => c.journal !== null).map((c) => [c.classId, c.journal!]));
  const rows = iupList(input.school, journals).map((r) => ({
    class: r.className,
    student: r.student.name,
    since: reportDate(r.plan.since),
    until: r.plan.until ? reportDate(addDays(r.plan.until, -1)) : '—',
    basis: r.plan.basis,
    subjects: r.subjects.map(subjectText).join('; '),
  }));
  const notes = missingJournalNotes(list);
  return {
    kind: 'iup-list',
    title: TITLE,
    scope: `${input.params.classId && list.length === 1 ? list[0].cls.name : 'Вся школа'} · на ${reportDate(input.today)}`,
    columns: [
      { key: 'class', title: 'Класс' },
      { key: 'student', title: 'Учащийся' },
      { key: 'since', title: 'С' },
      { key: 'until', title: 'По' },
      { key: 'basis', title: 'Основание' },
      { key: 'subjects', title: 'Предметы по плану' },
    ],
    rows,
    formula: FORMULA,
    notes: notes.length > 0 ? notes : undefined,
  };
}

export const iupListReport: ReportDefinition = { kind: 'iup-list', title: TITLE, needs: [], build: iupReport };
