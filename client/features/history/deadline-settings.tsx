import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { change, DEADLINES_KEY, deadlineSettings, readDeadlines, workTypes, type DeadlineSettings } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { LOCAL_EDIT } from '../../sync/origins.ts';

const GMT = (minutes: number) =>
  `UTC${minutes >= 0 ? '+' : '−'}${Math.floor(Math.abs(minutes) / 60)}${minutes % 60 ? `:${String(Math.abs(minutes) % 60).padStart(2, '0')}` : ''}`;

/** The time zones of Russia's schools, as UTC offsets (no summer time since 2014). */
const ZONES = [120, 180, 240, 300, 360, 420, 480, 540, 600, 660, 720];

/**
 * «Сроки заполнения журнала» (TIME-1…TIME-3): the school's deadlines, read live from the
 * school-year document and written to it by the deputy or the administrator — it syncs like
 * any edit, offline included. Late entries are judged against what is set here.
 */
export function DeadlineSettingsForm(): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school?.doc ?? null);
  const canChange = () => ctx.school !== null && ctx.me.documents.some((d) => d.kind === 'school' && d.access === 'write');
  const current = createMemo(() => (school() ? readDeadlines(school()!) : null));
  const types = createMemo(() => (school() ? workTypes.all(school()!).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) : []));
  const [saved, setSaved] = createSignal(false);

  const save = (patch: Partial<DeadlineSettings>) => {
    const doc = school();
    if (!doc) return;
    change(doc, LOCAL_EDIT, () => deadlineSettings.set(doc, DEADLINES_KEY, { ...readDeadlines(doc), ...patch }));
    setSaved(true);
  };
  const saveDays = (id: string, days: number) => {
    const doc = school();
    const t = doc && workTypes.get(doc, id);
    if (!doc || !t || !Number.isInteger(days) || days < 0 || days > 60) return;
    const { deadlineDays: _old, ...rest } = t;
    change(doc, LOCAL_EDIT, () => workTypes.set(doc, id, days > 0 ? { ...rest, deadlineDays: days } : rest));
    setSaved(true);
  };

  return (
    <details class="deadline-settings" data-testid="deadline-settings">
      <summary>Сроки заполнения журнала</summary>
      <Show when={current()} fallback={<p class="muted">Учебный год ещё не загружен.</p>}>
        {(s) => (
          <fieldset disabled={!canChange()}>
            <label>
              Тема, задание, посещаемость и устные отметки — в день урока до
              <input
                type="time"
                data-testid="deadline-day-ends"
                value={s().dayEndsAt}
                onChange={(e) => /^\d\d:\d\d$/.test(e.currentTarget.value) && save({ dayEndsAt: e.currentTarget.value })}
              />
            </label>
            <label>
              Итоговые отметки — не позднее чем за
              <input
                type="number"
                min="0"
                max="30"
                data-testid="deadline-final-days"
                value={s().finalDaysBeforeEnd}
                onChange={(e) => {
                  const n = Number(e.currentTarget.value);
                  if (Number.isInteger(n) && n >= 0 && n <= 30) save({ finalDaysBeforeEnd: n });
                }}
              />
              дн. до конца периода
            </label>
            <label>
              Часовой пояс школы
              <select data-testid="deadline-zone" onChange={(e) => save({ utcOffsetMinutes: Number(e.currentTarget.value) })}>
                <For each={ZONES}>
                  {(z) => (
                    <option value={z} selected={z === s().utcOffsetMinutes}>
                      {GMT(z)}
                      {z === 180 ? ' (Москва)' : ''}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <table class="admin-table">
              <thead>
                <tr>
                  <th>Вид работы</th>
                  <th>Дней на проверку (0 — в день урока)</th>
                </tr>
              </thead>
              <tbody>
                <For each={types()}>
                  {([id, t]) => (
                    <tr>
                      <td>{t.name}</td>
                      <td>
                        <input
                          type="number"
                          min="0"
                          max="60"
                          data-testid={`deadline-days-${id}`}
                          value={t.deadlineDays ?? 0}
                          onChange={(e) => saveDays(id, Number(e.currentTarget.value))}
                        />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={!canChange()}>
              <p class="muted">Сроки устанавливают заместитель директора и администратор.</p>
            </Show>
            <Show when={saved()}>
              <p class="muted" data-testid="deadline-saved">
                Сохранено в учебном году; несвоевременные записи пересчитываются по новым срокам.
              </p>
            </Show>
          </fieldset>
        )}
      </Show>
    </details>
  );
}
