import { asDate, type IsoDate } from '../ids.ts';
import { periodProblems } from './year-checks.ts';
import type { Period } from './school-year.ts';

/**
 * SETUP-36: the study periods a new school year starts with, before anyone edits them on
 * «Учебный год»: quarters in every grade, or quarters in 1–9 and halves in 10–11 (the usual
 * положение of a Russian school).
 */
export type PeriodTemplate = 'quarters' | 'quarters-halves';

export const PERIOD_TEMPLATES: ReadonlyArray<{ id: PeriodTemplate; name: string }> = [
  { id: 'quarters-halves', name: 'Четверти в 1–9 классах, полугодия в 10–11' },
  { id: 'quarters', name: 'Четверти во всех классах' },
];

/** Month-day bounds of the usual calendar; the first start and the last end are the year's own. */
const QUARTERS = [
  ['1 четверть', '', '10-25', 0, 0],
  ['2 четверть', '11-05', '12-28', 0, 0],
  ['3 четверть', '01-12', '03-21', 1, 1],
  ['4 четверть', '03-29', '', 1, 1],
] as const;
const HALVES = [
  ['1 полугодие', '', '12-28', 0, 0],
  ['2 полугодие', '01-12', '', 1, 1],
] as const;

type Bounds = readonly (readonly [string, string, string, number, number])[];

function lay(bounds: Bounds, prefix: string, startsOn: IsoDate, endsOn: IsoDate, minGrade: number, maxGrade: number) {
  const year = Number(startsOn.slice(0, 4));
  return bounds.map(([name, from, to, fromShift, toShift], i): [string, Period] => [
    `${prefix}${i + 1}`,
    {
      name,
      startsOn: from ? asDate(`${year + fromShift}-${from}`) : startsOn,
      endsOn: to ? asDate(`${year + toShift}-${to}`) : endsOn,
      minGrade,
      maxGrade,
    },
  ]);
}

/** The year cut into `n` runs of whole days, for a year that does not start in the autumn. */
function evenly(names: readonly string[], prefix: string, startsOn: IsoDate, endsOn: IsoDate, minGrade: number, maxGrade: number) {
  const day = 86_400_000;
  const first = Date.parse(startsOn);
  const days = Math.round((Date.parse(endsOn) - first) / day) + 1;
  const at = (d: number) => asDate(new Date(first + d * day).toISOString().slice(0, 10));
  return names.map((name, i): [string, Period] => [
    `${prefix}${i + 1}`,
    {
      name,
      startsOn: at(Math.floor((days * i) / names.length)),
      endsOn: at(Math.floor((days * (i + 1)) / names.length) - 1),
      minGrade,
      maxGrade,
    },
  ]);
}

function periodsOf(bounds: Bounds, prefix: string, startsOn: IsoDate, endsOn: IsoDate, minGrade: number, maxGrade: number) {
  const laid = lay(bounds, prefix, startsOn, endsOn, minGrade, maxGrade);
  const year = { startsOn, endsOn };
  const fits = laid.every(([, p], i) => periodProblems(year, p, laid.slice(0, i)).length === 0);
  return fits
    ? laid
    : evenly(
        bounds.map((b) => b[0]),
        prefix,
        startsOn,
        endsOn,
        minGrade,
        maxGrade,
      );
}

/**
 * SETUP-36: the periods of `template` for a school year from `startsOn` to `endsOn`: the usual
 * calendar (autumn, winter and spring holidays between them) when it fits the year, else the
 * year cut evenly. Ids are `q1…q4` and `h1…h2`, as in the demo.
 *
 * @example periodsFromTemplate('quarters-halves', '2027-09-01', '2028-05-31')[4] // ['h1', { name: '1 полугодие', startsOn: '2027-09-01', endsOn: '2027-12-28', minGrade: 10, maxGrade: 11 }]
 */
export function periodsFromTemplate(template: PeriodTemplate, startsOn: IsoDate, endsOn: IsoDate): Array<[string, Period]> {
  if (template === 'quarters') return periodsOf(QUARTERS, 'q', startsOn, endsOn, 1, 11);
  return [...periodsOf(QUARTERS, 'q', startsOn, endsOn, 1, 9), ...periodsOf(HALVES, 'h', startsOn, endsOn, 10, 11)];
}
