import type { IsoDate } from '../ids.ts';
import { isEnrolledOn, listStudents } from '../journal/student.ts';
import { periodsForGrade, readSchoolMeta } from '../school/school-year.ts';
import { missingJournalNotes, reportClasses } from './report-classes.ts';
import { ReportParamError, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

const TITLE = 'Движение учащихся';

const FORMULA = [
  'Прибыл(а) — дата зачисления учащегося в класс позже первого дня учебного года; выбыл(а) — дата выбытия (в этот день учащегося в списке уже нет).',
  'Учащихся — число учащихся в списке класса в этот день: зачисленных не позже него и ещё не выбывших.',
  'На начало учебного года — в первый день учебного года; на начало периода (четверти, полугодия) — в его первый день, для каждого начавшегося периода класса; сейчас — сегодня.',
  'Прибыло и выбыло в строке с числом учащихся — сколько прибыло и выбыло после предыдущей такой строки по этот день включительно, так что предыдущее число + прибыло − выбыло = число в строке.',
  'Итого по школе — суммы по классам.',
];

const TRANSFER_NOTE =
  'Переводы между классами пока не записываются отдельно: учащийся, переведённый в другой класс, показан выбывшим из одного класса и прибывшим в другой.';

interface Checkpoint {
  date: IsoDate;
  yearStart: boolean;
  periods: string[];
  now: boolean;
}

/** «На начало учебного года (1 четверть)», «На начало: 2 четверть», «Сейчас». */
function checkpointLabel(c: Checkpoint): string {
  const periods = c.periods.join(', ');
  const start = c.yearStart ? `На начало учебного года${periods ? ` (${periods})` : ''}` : periods ? `На начало: ${periods}` : '';
  return [start, c.now ? 'Сейчас' : ''].filter(Boolean).join('; ');
}

interface Event {
  date: IsoDate;
  event: string;
  student: string;
  arrival: boolean;
}

/**
 * REP-10: «Движение учащихся» — per class, a ledger in date order: the count on the roster
 * (STU-1) at the start of the year, at the start of each of its grade's periods that has begun,
 * and today, with every arrival (`enrolledOn`) and departure (`leftOn`) of the year up to today
 * between them; then the school's totals. School-wide, or one class with `?class=`.
 */
export function movement(input: ReportInput): ReportTable {
  const year = readSchoolMeta(input.school);
  if (!year) throw new ReportParamError('Учебный год не задан');
  const list = reportClasses(input);
  const withJournal = list.filter((c) => c.journal !== null);
  const now = input.today > year.startsOn ? input.today : year.startsOn;
  const rows: Array<Record<string, ReportCell>> = [];
  const total = { start: 0, now: 0, arrived: 0, left: 0 };
  let later = 0;
  for (const { cls, journal } of withJournal) {
    const roster = listStudents(journal!);
    const checkpoints = new Map<IsoDate, Checkpoint>();
    const at = (date: IsoDate) => {
      const c = checkpoints.get(date) ?? { date, yearStart: false, periods: [], now: false };
      checkpoints.set(date, c);
      return c;
    };
    at(year.startsOn).yearStart = true;
    for (const [, p] of periodsForGrade(input.school, cls.grade)) if (p.startsOn <= now) at(p.startsOn).periods.push(p.name);
    at(now).now = true;
    const events: Event[] = [];
    for (const s of roster) {
      if (s.enrolledOn !== null && s.enrolledOn > year.startsOn) {
        if (s.enrolledOn <= now) events.push({ date: s.enrolledOn, event: 'Прибыл(а)', student: s.name, arrival: true });
        else later++;
      }
      if (s.leftOn !== null && s.leftOn > year.startsOn) {
        if (s.leftOn <= now) events.push({ date: s.leftOn, event: 'Выбыл(а)', student: s.name, arrival: false });
        else later++;
      }
    }
    events.sort((a, b) => a.date.localeCompare(b.date) || a.student.localeCompare(b.student, 'ru'));
    let prev: IsoDate | null = null;
    for (const c of [...checkpoints.values()].sort((a, b) => a.date.localeCompare(b.date))) {
      const since = events.filter((e) => (prev === null || e.date > prev) && e.date <= c.date);
      for (const e of since)
        rows.push({
          class: cls.name,
          event: e.event,
          date: reportDate(e.date),
          student: e.student,
          arrived: null,
          left: null,
          count: null,
        });
      const arrived = since.filter((e) => e.arrival).length;
      const left = since.length - arrived;
      const count = roster.filter((s) => isEnrolledOn(s, c.date)).length;
      rows.push({
        class: cls.name,
        event: checkpointLabel(c),
        date: reportDate(c.date),
        student: null,
        arrived: prev === null ? null : arrived,
        left: prev === null ? null : left,
        count,
      });
      if (prev === null) total.start += count;
      else {
        total.arrived += arrived;
        total.left += left;
      }
      if (c.date === now) total.now += count;
      prev = c.date;
    }
  }
  if (withJournal.length > 1) {
    const row = (event: string, date: IsoDate, count: number, moves: { arrived: number; left: number } | null) => ({
      class: 'Итого по школе',
      event,
      date: reportDate(date),
      student: null,
      arrived: moves?.arrived ?? null,
      left: moves?.left ?? null,
      count,
    });
    rows.push(row('На начало учебного года', year.startsOn, total.start, null), row('Сейчас', now, total.now, total));
  }
  const notes = [TRANSFER_NOTE, ...missingJournalNotes(list)];
  if (later > 0) notes.push(`Записей о прибытии или выбытии с датой позже сегодняшней: ${later}; в отчёт они не вошли.`);
  return {
    kind: 'movement',
    title: TITLE,
    scope: `${input.params.classId && withJournal.length === 1 ? withJournal[0].cls.name : 'Вся школа'} · ${year.title}, по ${reportDate(now)}`,
    columns: [
      { key: 'class', title: 'Класс' },
      { key: 'event', title: 'Событие' },
      { key: 'date', title: 'Дата' },
      { key: 'student', title: 'Учащийся' },
      { key: 'arrived', title: 'Прибыло', format: 'count' },
      { key: 'left', title: 'Выбыло', format: 'count' },
      { key: 'count', title: 'Учащихся', format: 'count' },
    ],
    rows,
    formula: FORMULA,
    notes,
  };
}

export const movementReport: ReportDefinition = {
  kind: 'movement',
  title: TITLE,
  needs: [],
  build: movement,
};
