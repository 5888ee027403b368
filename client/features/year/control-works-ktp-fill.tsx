import { createMemo, For, Show, type JSX } from 'solid-js';
import { controlWorkRecordProblems, describeLesson, plannedControlWorks, randomId } from '../../../model/index.ts';
import { ktpBeyondYearWarnings, ktpControlPlan, ktpControlWorksToAdd } from '../../../model/school/ktp-control-dates.ts';
import { plural } from '../../i18n/format.ts';
import type { YearEdit } from './year-edit.ts';

const works = (n: number) => `${n} ${plural(n, ['контрольная работа', 'контрольные работы', 'контрольных работ'])}`;

/**
 * «Заполнить из КТП» (YEAR-12): how many of the teachers' КТП control works the schedule lacks,
 * a button that adds them all in one edit (each with its КТП topic), and a warning for the КТП
 * control works that fall on no lesson of the year.
 */
export function ControlWorksKtpFill(props: { y: YearEdit }): JSX.Element {
  const y = props.y;
  const inKtp = createMemo(() => (y.doc() ? ktpControlPlan(y.doc()!).dated.length : 0));
  const toAdd = createMemo(() => (y.doc() ? ktpControlWorksToAdd(y.doc()!) : []));
  const beyond = createMemo(() => (y.doc() ? ktpBeyondYearWarnings(y.doc()!) : []));
  const fill = () => {
    const d = y.doc();
    if (!d) return;
    // The server checks every record (YEAR-9): check them here first, so nothing is half written.
    const records = toAdd().map((w) => [`c${randomId(10)}`, w] as const);
    const problems = records.flatMap(([key, w]) => controlWorkRecordProblems(d, key, w).map((p) => `${describeLesson(d, w)}: ${p}`));
    y.attempt([...new Set(problems)], (doc) => {
      for (const [key, w] of records) plannedControlWorks.set(doc, key, w);
    });
  };
  return (
    <>
      <div class="year-add-line control-ktp-fill">
        <button data-testid="control-fill-ktp" disabled={!y.canWrite() || toAdd().length === 0} onClick={fill}>
          Заполнить из КТП
        </button>
        <span class="muted" data-testid="control-fill-count">
          {inKtp() === 0
            ? 'В КТП учителей нет контрольных работ на уроках этого года.'
            : toAdd().length === 0
              ? 'Все контрольные работы из КТП уже в графике.'
              : `Будет добавлено из КТП: ${works(toAdd().length)}${inKtp() > toAdd().length ? `; ещё ${inKtp() - toAdd().length} уже в графике` : ''}.`}
        </span>
      </div>
      <Show when={beyond().length > 0}>
        <div class="year-warning control-ktp-beyond" role="alert" data-testid="control-ktp-beyond">
          ⚠ Не хватает уроков в году (КТП длиннее расписания) — дату этих контрольных работ назначьте вручную:
          <ul>
            <For each={beyond()}>{(line) => <li>{line}</li>}</For>
          </ul>
        </div>
      </Show>
    </>
  );
}
