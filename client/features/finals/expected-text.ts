import {
  formatAverage,
  formatMark,
  marksWithWeights,
  type DatedMark,
  type ExpectedFinal,
  type ExpectedLeavingFinal,
  type ExpectedYearFinal,
} from '../../../model/index.ts';

/** What the page shows beside a final: the final the marks justify, and why. */
export interface ExpectedView {
  /** «4», «зч», or «—» when the marks justify none. */
  value: string;
  /** «4,33 из 6 отметок», «3 зч из 4»: the figures behind it, small under the value. */
  detail: string;
  /** The hover text: the marks with their weights and the rule. */
  title: string;
  /** Too few marks (FIN-2) or a period without a final or a forecast (FIN-5): a final is not justified. */
  warn: boolean;
}

/** «из 1 отметки», «из 6 отметок»: the genitive after «из». */
const marksWord = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'отметки' : 'отметок');

/**
 * FIN-2 beside a period final: the expected final of the period's marks, their average and count,
 * and a warning under the school's minimum of marks (`minMarks`, FIN-9: 3 unless set).
 *
 * @example periodExpected(expectedFinal(marks, 'five', 3), marks, false, 3) // { value: '4', detail: '4,33 из 6 отметок', … }
 */
export function periodExpected(e: ExpectedFinal, marks: readonly DatedMark[], passfail: boolean, minMarks: number): ExpectedView {
  const list = marks.length ? `Отметки (вес): ${marksWithWeights(marks)}.` : 'Отметок за период нет.';
  if (e.tooFew) {
    const have = passfail ? marks.filter((m) => m.value === 'P' || m.value === 'F').length : e.count;
    return {
      value: '—',
      detail: `мало отметок: ${have} из ${minMarks}`,
      title: `${list} Для итоговой нужно не меньше ${minMarks} ${marksWord(minMarks)} за период (настройка школы).`,
      warn: true,
    };
  }
  const value = e.value === null ? '—' : formatMark(e.value);
  if (passfail) {
    const passed = marks.filter((m) => m.value === 'P').length;
    return {
      value,
      detail: `${passed} зч из ${e.count}`,
      title: `${list} «Зачёт», если не меньше половины отметок — «зачёт».`,
      warn: false,
    };
  }
  const avg = formatAverage(e.average);
  return {
    value,
    detail: e.average === null ? `из ${e.count} ${marksWord(e.count)}` : `${avg} из ${e.count} ${marksWord(e.count)}`,
    title: `${list} Средний балл ${avg} = сумма (отметка × вес) ÷ сумма весов; от 4,5 — «5», от 3,5 — «4», от 2,5 — «3».`,
    warn: false,
  };
}

/** A period that has not begun: nothing to expect yet, and nothing to warn of. */
export function periodAhead(startsOn: string): ExpectedView {
  const d = `${startsOn.slice(8, 10)}.${startsOn.slice(5, 7)}`;
  return { value: '', detail: `с ${d}`, title: `Период начнётся ${d}.${startsOn.slice(0, 4)}: отметок за него ещё нет.`, warn: false };
}

/** FIN-5 beside the year final: what the period finals (or, where missing, their forecasts) give. */
export function yearExpected(e: ExpectedYearFinal, passfail: boolean): ExpectedView {
  const counted = e.finals + e.forecasts;
  const basis = `Итоговые за периоды: ${e.finals}${e.forecasts ? `, прогноз по текущим отметкам: ${e.forecasts}` : ''}.`;
  if (e.missing > 0) {
    return {
      value: '—',
      detail: 'нет итоговой за период',
      title: `${basis} За ${e.missing === 1 ? 'один период' : `${e.missing} периода`} нет ни итоговой, ни достаточного числа отметок: годовую не из чего вывести.`,
      warn: true,
    };
  }
  if (e.value === null) return { value: '—', detail: '', title: 'Ни один период ещё не начался.', warn: false };
  const rule = passfail
    ? '«Зачёт», если зачтено не меньше половины периодов.'
    : `Среднее ${formatAverage(e.average)}: от 4,5 — «5», от 3,5 — «4», от 2,5 — «3».`;
  return {
    value: formatMark(e.value),
    detail: passfail
      ? `за ${counted} пер.${e.forecasts ? ', прогноз' : ''}`
      : `${formatAverage(e.average)} за ${counted} пер.${e.forecasts ? ', прогноз' : ''}`,
    title: `${basis} ${rule}`,
    warn: false,
  };
}

/** FIN-7 beside the exam's mark: nothing is worked out, the mark comes from the exam itself. */
export const EXAM_EXPECTED: ExpectedView = {
  value: '',
  detail: 'по экзамену',
  title: 'Экзаменационная отметка — по результату экзамена (ГИА); расчёта по текущим отметкам нет.',
  warn: false,
};

/** FIN-8 beside the итоговая: the year final, or the mean of the year and the exam rounded half up. */
export function leavingExpected(e: ExpectedLeavingFinal, hasExam: boolean): ExpectedView {
  const rule = hasExam
    ? 'Итоговая — среднее годовой и экзаменационной, от 4,5 — «5», от 3,5 — «4», от 2,5 — «3».'
    : 'Итоговая — по годовой отметке.';
  if (e.value === null) {
    return { value: '—', detail: hasExam ? 'нет годовой или экзамена' : 'нет годовой', title: rule, warn: false };
  }
  return { value: formatMark(e.value), detail: e.average === null ? '' : formatAverage(e.average), title: rule, warn: false };
}
