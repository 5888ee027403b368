import type { MarkValue } from '../../../model/index.ts';
import { periodSpans, subjectName, type DiaryData, type PeriodSpan } from './diary-data.ts';

export interface FinalsRow {
  subjectId: string;
  name: string;
  /** periodId → the final, absent where none is set. */
  values: Record<string, MarkValue>;
}

export interface FinalsTable {
  /** The study periods and the year always; the exam and leaving columns only once a final is in them. */
  columns: Array<PeriodSpan & { short: string }>;
  rows: FinalsRow[];
}

/** «1 ч.», «2 пол.», «Год»: a column heading that fits six across a phone. */
export function shortPeriodName(p: PeriodSpan): string {
  if (p.period.kind === 'year') return 'Год';
  if (p.period.kind === 'exam') return 'Экз.';
  if (p.period.kind === 'final') return 'Итог';
  return p.period.name
    .replace(/четверть/i, 'ч.')
    .replace(/полугодие/i, 'пол.')
    .replace(/триместр/i, 'тр.');
}

/**
 * DIARY-35: the finals as the family's table: a row per subject the diary knows (by name), a
 * column per period in order (periods, year, exam, leaving final), each cell the final from
 * `finals` (keyed `subjectId:periodId`) or empty.
 */
export function finalsTable(d: DiaryData): FinalsTable {
  const values = new Map<string, Record<string, MarkValue>>();
  for (const id of Object.keys(d.subjects)) values.set(id, {});
  for (const l of Object.values(d.lessons)) if (!values.has(l.subjectId)) values.set(l.subjectId, {});
  const filled = new Set<string>();
  for (const f of Object.values(d.finals)) {
    const row = values.get(f.subjectId) ?? {};
    row[f.periodId] = f.value;
    values.set(f.subjectId, row);
    filled.add(f.periodId);
  }
  const columns = periodSpans(d)
    .filter((p) => p.period.kind === 'period' || p.period.kind === 'year' || filled.has(p.id))
    .map((p) => ({ ...p, short: shortPeriodName(p) }));
  const rows = [...values]
    .map(([subjectId, v]) => ({ subjectId, name: subjectName(d, subjectId), values: v }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return { columns, rows };
}

/** The closed periods with at least one final: the ones a parent confirms having read (DOMAIN: факт ознакомления). */
export function periodsToConfirm(table: FinalsTable): PeriodSpan[] {
  return table.columns.filter((c) => c.period.closed && table.rows.some((r) => r.values[c.id] !== undefined));
}
