import { type JSX } from 'solid-js';
import { DEFAULT_FINALS, FINALS_KEY, finalsSettings, isMinMarks, MIN_MARKS_RANGE, readMinMarksForFinal } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { useYearEdit } from './year-edit.ts';

/**
 * «Итоговые отметки» (FIN-9): the fewest current marks of a period that justify a period final,
 * `settings["finals"]` of the school year. The finals page warns under it («мало отметок») and
 * expects no final there.
 */
export function FinalsSettingSection(): JSX.Element {
  const y = useYearEdit();
  const minMarks = () => {
    const d = y.doc();
    return d ? readMinMarksForFinal(d) : DEFAULT_FINALS.minMarks;
  };
  const set = (text: string) => {
    const n = Number(text.trim());
    const problems = isMinMarks(n) ? [] : [`Наименьшее число отметок — целое от ${MIN_MARKS_RANGE.min} до ${MIN_MARKS_RANGE.max}.`];
    y.attempt(problems, (d) => finalsSettings.set(d, FINALS_KEY, { minMarks: n }));
  };
  return (
    <section class="year-section" data-testid="year-finals-setting">
      <h2>Итоговые отметки</h2>
      <p class="muted">
        Сколько текущих отметок за период нужно для итоговой: при меньшем числе страница итоговых предупреждает «мало отметок».
      </p>
      <fieldset disabled={!y.canWrite()}>
        <label>
          Не меньше{' '}
          <input
            class="hours"
            inputmode="numeric"
            data-testid="finals-min-marks"
            value={minMarks()}
            onChange={(e) => set(e.currentTarget.value)}
          />{' '}
          отметок за период
        </label>
      </fieldset>
      <ProblemList problems={y.problems()} testId="finals-setting-problems" />
    </section>
  );
}
