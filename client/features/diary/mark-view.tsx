import { createSignal, For, Show, type JSX } from 'solid-js';
import { formatMark } from '../../../model/index.ts';
import type { DiaryMark } from '../../../model/diary/diary-doc.ts';
import { recordDiaryRead } from '../diary-acks/diary-acks-api.ts';
import { dayMinuteText, dayText, markTone, markWord, weightText } from './diary-text.ts';
import type { KeyedMark } from './diary-week.ts';

/** The value as a badge; a corrected mark shows the value it had struck through before it. */
function MarkBadge(props: { mark: DiaryMark; big?: boolean }): JSX.Element {
  return (
    <span class="dm-badge" classList={{ big: props.big }}>
      <Show when={props.mark.corrected?.was.at(-1)}>{(was) => <s class="dm-was">{formatMark(was())}</s>}</Show>
      <span class={`dm-value tone-${markTone(props.mark.value)}`} title={markWord(props.mark.value)}>
        {formatMark(props.mark.value)}
      </span>
    </span>
  );
}

/** What tapping a mark tells: everything the diary knows of it, the correction's time included. */
function MarkDetails(props: { mark: DiaryMark; teacher: string | null }): JSX.Element {
  const m = () => props.mark;
  return (
    <div class="dm-details" data-testid="mark-details">
      <p>
        <b>{markWord(m().value)}</b> за {dayText(m().date)} — {m().workType}
        {m().weight === 1 ? ', вес 1' : `, ${weightText(m().weight)}`}
      </p>
      <Show when={props.teacher}>{(t) => <p>Учитель: {t()}</p>}</Show>
      <Show when={m().comment}>
        <p class="dm-comment">Комментарий: {m().comment}</p>
      </Show>
      <Show when={m().corrected}>
        {(c) => (
          <p class="dm-fixed-note">
            Исправлено {dayMinuteText(c().at)}; прежде: <For each={c().was}>{(v, i) => `${i() ? ', ' : ''}${markWord(v)}`}</For>
          </p>
        )}
      </Show>
    </div>
  );
}

/** Opening a mark's details is the family's reading of it (DIARY-37): recorded once per opening. */
function useMarkOpening(studentId: () => string, key: () => string) {
  const [open, setOpen] = createSignal(false);
  const toggle = () => {
    const next = !open();
    setOpen(next);
    if (next) recordDiaryRead(studentId(), 'mark', key());
  };
  return { open, toggle };
}

/** A mark under its lesson in the week: value, work type, weight when not 1, the teacher's comment. */
export function MarkRow(props: { studentId: string; item: KeyedMark }): JSX.Element {
  const { open, toggle } = useMarkOpening(
    () => props.studentId,
    () => props.item.key,
  );
  const m = () => props.item.mark;
  return (
    <li class="dm-row-item">
      <button type="button" class="dm-row" aria-expanded={open()} onClick={toggle} data-testid="diary-mark">
        <MarkBadge mark={m()} />
        <span class="dm-text">
          {/* «зч» is journal shorthand: the word beside it. */}
          <Show when={typeof m().value !== 'number'}>
            <span class="dm-word">{markWord(m().value)}</span>
          </Show>
          <span class="dm-work">{m().workType}</span>
          <Show when={weightText(m().weight)}>{(w) => <span class="dm-weight">{w()}</span>}</Show>
          <Show when={m().corrected}>
            <span class="dm-fixed">исправлено</span>
          </Show>
          <Show when={m().comment}>
            <span class="dm-comment">«{m().comment}»</span>
          </Show>
        </span>
      </button>
      <Show when={open()}>
        <MarkDetails mark={m()} teacher={props.item.teacher} />
      </Show>
    </li>
  );
}

/** A mark in a subject's row: value, date, weight; tapping it opens the details under the row. */
export function MarkChip(props: { studentId: string; item: KeyedMark }): JSX.Element {
  const { open, toggle } = useMarkOpening(
    () => props.studentId,
    () => props.item.key,
  );
  const m = () => props.item.mark;
  return (
    <li class="dm-chip-item" classList={{ open: open() }}>
      <button
        type="button"
        class="dm-chip"
        aria-expanded={open()}
        onClick={toggle}
        title={`${m().workType}${m().weight === 1 ? '' : `, ${weightText(m().weight)}`}`}
        data-testid="diary-mark-chip"
      >
        <MarkBadge mark={m()} big />
        <span class="dm-chip-date">{dayText(m().date)}</span>
        <Show when={m().weight !== 1}>
          <span class="dm-chip-weight">×{String(m().weight).replace('.', ',')}</span>
        </Show>
      </button>
      <Show when={open()}>
        <MarkDetails mark={m()} teacher={props.item.teacher} />
      </Show>
    </li>
  );
}
