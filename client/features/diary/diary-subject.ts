import {
  expectedFinal,
  formatAverage,
  formatMark,
  inRange,
  markingSystemFor,
  type ExpectedFinal,
  type MarkingSystem,
  type MarkValue,
  type WeightedMark,
} from '../../../model/index.ts';
import { subjectName, type DiaryData, type PeriodSpan } from './diary-data.ts';
import { marksByLesson, type KeyedMark } from './diary-week.ts';
import { numberText } from './diary-text.ts';

/** One subject's marks in a period and what they make: the heart of «why is the average 4,25». */
export interface SubjectSummary {
  subjectId: string;
  name: string;
  system: MarkingSystem;
  /** The period's marks by date, each lesson's in cell order. */
  marks: KeyedMark[];
  /** FIN-2 over these marks (the model's `expectedFinal`). */
  expected: ExpectedFinal;
  /** The computation written out, e.g. «(5×2 + 4×1 + 3×1) / (2+1+1) = 4,25 → 4»; '' with nothing to compute. */
  formula: string;
  /** The final the teacher set for the period, if any. */
  final: MarkValue | null;
}

/**
 * DIARY-32: the weighted average worked out as a parent can check it by hand: each counted mark
 * (MARK-5: 5-point values with a positive weight) as «value×weight», over the sum of the weights,
 * the average as the journal shows it (`formatAverage`), and → the final it justifies (FIN-2's
 * `expected.value`, when it justifies one). Pass/fail: «зачтено 3 из 4 → зачёт».
 *
 * @example averageFormula([{ value: 5, weight: 2 }, { value: 4, weight: 1 }, { value: 3, weight: 1 }], expectedFinal(…, 'five'))
 * // '(5×2 + 4×1 + 3×1) / (2+1+1) = 4,25 → 4'
 */
export function averageFormula(marks: readonly WeightedMark[], expected: ExpectedFinal, system: MarkingSystem): string {
  const tail =
    expected.value === null
      ? ''
      : ` → ${expected.value === 'P' ? 'зачёт' : expected.value === 'F' ? 'незачёт' : formatMark(expected.value)}`;
  if (system === 'passfail') {
    const judged = marks.filter((m) => m.value === 'P' || m.value === 'F');
    if (judged.length === 0) return '';
    return `зачтено ${judged.filter((m) => m.value === 'P').length} из ${judged.length}${tail}`;
  }
  const counted = marks.filter((m) => typeof m.value === 'number' && Number.isFinite(m.weight) && m.weight > 0);
  if (counted.length === 0 || expected.average === null) return '';
  const sum = counted.map((m) => `${m.value}×${numberText(m.weight)}`);
  const weights = counted.map((m) => numberText(m.weight));
  const expr = counted.length === 1 ? `${sum[0]} / ${weights[0]}` : `(${sum.join(' + ')}) / (${weights.join('+')})`;
  return `${expr} = ${formatAverage(expected.average)}${tail}`;
}

/**
 * DIARY-33: per subject of the diary with lessons or marks in `period`, in alphabetical order:
 * the marks dated in it, FIN-2's expected final over them (`expectedFinal` under the grade's
 * marking system, MARK-3, and the minimum number of marks), the formula, and the final already set.
 */
export function subjectSummaries(d: DiaryData, period: PeriodSpan, minMarks?: number): SubjectSummary[] {
  const grade = d.info?.grade ?? 5;
  const byLesson = marksByLesson(d);
  const inPeriod = new Map<string, KeyedMark[]>();
  const bySubject = (id: string) => inPeriod.get(id) ?? (inPeriod.set(id, []), inPeriod.get(id)!);
  for (const l of Object.values(d.lessons)) if (inRange(l.date, period.from, period.to)) bySubject(l.subjectId);
  for (const list of byLesson.values()) {
    for (const m of list) if (inRange(m.mark.date, period.from, period.to)) bySubject(m.mark.subjectId).push(m);
  }
  const out: SubjectSummary[] = [];
  for (const [subjectId, marks] of inPeriod) {
    // Stable: each lesson's marks keep their cell order.
    marks.sort((a, b) => a.mark.date.localeCompare(b.mark.date));
    const system = markingSystemFor(grade, d.subjects[subjectId]?.system ?? 'five');
    const weighted = marks.map((m) => ({ value: m.mark.value, weight: m.mark.weight }));
    const expected = expectedFinal(weighted, system, minMarks);
    out.push({
      subjectId,
      name: subjectName(d, subjectId),
      system,
      marks,
      expected,
      formula: averageFormula(weighted, expected, system),
      final: d.finals[`${subjectId}:${period.id}`]?.value ?? null,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}
