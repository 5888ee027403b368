import { createMemo, createSignal, For, Show, type Accessor, type JSX } from 'solid-js';
import { MIN_MARKS_FOR_FINAL } from '../../../model/index.ts';
import { todayIso } from '../../i18n/format.ts';
import { currentPeriod, studyPeriods, type DiaryData } from './diary-data.ts';
import { subjectSummaries, type SubjectSummary } from './diary-subject.ts';
import { markWord } from './diary-text.ts';
import { MarkChip } from './mark-view.tsx';
import { PeriodPicker } from './period-picker.tsx';

/**
 * «Отметки»: per subject, the period's marks and how they make the average and the expected final,
 * written out — the opaque average is what parents complain of most in today's diaries.
 */
export function SubjectsView(props: { data: Accessor<DiaryData>; studentId: string }): JSX.Element {
  const periods = createMemo(() => studyPeriods(props.data()));
  const [picked, setPicked] = createSignal<string | null>(null);
  const period = createMemo(() => periods().find((p) => p.id === picked()) ?? currentPeriod(props.data(), todayIso()));
  // FIN-9: the school's own least number of marks, when the diary carries it.
  const minMarks = () => props.data().info?.minMarks ?? MIN_MARKS_FOR_FINAL;
  const summaries = createMemo(() => {
    const p = period();
    return p ? subjectSummaries(props.data(), p, minMarks()) : [];
  });
  return (
    <section class="diary-subjects" aria-label="Отметки по предметам">
      <PeriodPicker periods={periods()} current={period()?.id ?? null} onPick={setPicked} />
      <p class="diary-rule">
        Средний балл = сумма (отметка × вес) ÷ сумма весов. Итоговая по среднему: от 4,5 — «5», от 3,5 — «4», от 2,5 — «3»; нужно не меньше{' '}
        {minMarks()} отметок за период.
      </p>
      <Show when={summaries().length > 0} fallback={<p class="diary-empty">За этот период уроков и отметок нет.</p>}>
        <ul class="ds-list">
          <For each={summaries()}>{(s) => <SubjectCard summary={s} studentId={props.studentId} minMarks={minMarks()} />}</For>
        </ul>
      </Show>
    </section>
  );
}

function SubjectCard(props: { summary: SubjectSummary; studentId: string; minMarks: number }): JSX.Element {
  const s = () => props.summary;
  const e = () => s().expected;
  return (
    <li class="ds-card" data-testid={`diary-subject-${s().subjectId}`}>
      <div class="ds-head">
        <h2 class="ds-name">{s().name}</h2>
        <Show when={s().final !== null || e().value !== null}>
          <span class="ds-outcome" title={s().final !== null ? 'Итоговая отметка за период' : 'Ожидаемая итоговая по текущим отметкам'}>
            <span class="ds-outcome-label">{s().final !== null ? 'итоговая' : 'ожидается'}</span>
            <span class="ds-outcome-value">{markWord((s().final ?? e().value)!)}</span>
          </span>
        </Show>
      </div>
      <Show when={s().marks.length > 0} fallback={<p class="diary-empty">Отметок за период пока нет.</p>}>
        <ul class="dm-chips">
          <For each={s().marks}>{(m) => <MarkChip studentId={props.studentId} item={m} />}</For>
        </ul>
      </Show>
      <Show when={s().formula}>
        <p class="ds-formula" data-testid="diary-formula">
          {s().system === 'passfail' ? '' : 'Средний балл: '}
          {s().formula}
        </p>
      </Show>
      <Show when={e().tooFew && s().marks.length > 0}>
        <p class="ds-note">
          Для итоговой нужно не меньше {props.minMarks} отметок, пока {e().count}.
        </p>
      </Show>
      <Show when={s().final !== null && e().value !== null && s().final !== e().value}>
        <p class="ds-note">По текущим отметкам выходит «{markWord(e().value!)}»; итоговую выставил учитель.</p>
      </Show>
    </li>
  );
}
