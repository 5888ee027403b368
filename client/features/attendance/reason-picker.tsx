import { For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { ABSENCE_REASONS, type AbsenceReason, type IsoDate } from '../../../model/index.ts';
import { formatLongDate } from '../../i18n/format.ts';

/** What the class teacher is choosing a reason for, and where the picker opens. */
export interface ReasonTarget {
  studentId: string;
  studentName: string;
  date: IsoDate;
  current: AbsenceReason | null;
  /** The clicked cell's box on screen: the picker opens under it. */
  x: number;
  y: number;
}

const REASONS = Object.entries(ABSENCE_REASONS) as Array<[AbsenceReason, string]>;

/**
 * The reason for a student's whole day (ATT-2: reasons are per student and date, PERM-8), as a
 * small popover: Б, У, Н, О, or none. Escape or a click outside closes it.
 */
export function ReasonPicker(props: {
  target: ReasonTarget;
  onPick: (reason: AbsenceReason | null) => void;
  onClose: () => void;
}): JSX.Element {
  let box: HTMLDivElement | undefined;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') props.onClose();
    const hit = REASONS.find(([r]) => r.toLowerCase() === e.key.toLowerCase());
    if (hit) props.onPick(hit[0]);
  };
  const onDown = (e: PointerEvent) => {
    if (box && !box.contains(e.target as Node)) props.onClose();
  };
  onMount(() => {
    document.addEventListener('keydown', onKey);
    // After this click, so that the click that opened the picker does not close it.
    setTimeout(() => document.addEventListener('pointerdown', onDown));
    box?.querySelector<HTMLButtonElement>('button.current, button')?.focus();
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('pointerdown', onDown);
  });
  const left = () => Math.max(8, Math.min(props.target.x, window.innerWidth - 290));
  const top = () => Math.min(props.target.y + 4, window.innerHeight - 260);
  return (
    <div
      class="reason-picker"
      ref={(el) => (box = el)}
      role="dialog"
      aria-label="Причина пропуска"
      data-testid="reason-picker"
      style={{ left: `${left()}px`, top: `${top()}px` }}
    >
      <p class="reason-picker-title">
        <strong>{props.target.studentName}</strong>
        <br />
        причина за весь день, {formatLongDate(props.target.date)}
      </p>
      <div class="reason-options">
        <For each={REASONS}>
          {([r, name]) => (
            <button
              type="button"
              class="secondary"
              classList={{ current: props.target.current === r }}
              data-testid={`reason-option-${r}`}
              onClick={() => props.onPick(r)}
            >
              <span class="reason-letter">{r}</span> {name}
            </button>
          )}
        </For>
      </div>
      <div class="reason-actions">
        <Show when={props.target.current !== null}>
          <button type="button" class="secondary" data-testid="reason-clear" onClick={() => props.onPick(null)}>
            Убрать причину
          </button>
        </Show>
        <button type="button" class="secondary" onClick={() => props.onClose()}>
          Отмена
        </button>
      </div>
    </div>
  );
}
