import { createSignal, Show, type JSX } from 'solid-js';
import { saveFile } from '../admin/archive-api.ts';
import { downloadMeetingCodes } from './class-codes-api.ts';

/**
 * «Коды для родительского собрания» (AUTH-25): one click issues the codes the class still needs
 * and saves the sheet of slips to print. Issuing replaces unused older codes, so the page says
 * so before the click rather than after.
 */
export function MeetingCodes(props: { classId: string; onIssued(): void }): JSX.Element {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<{ issued: number; fileName: string } | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    const res = await downloadMeetingCodes(props.classId);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    saveFile(res.value.blob, res.value.fileName);
    setDone({ issued: res.value.issued, fileName: res.value.fileName });
    props.onIssued();
  };

  return (
    <section class="admin-section" data-testid="meeting-codes">
      <h2>Коды для родительского собрания</h2>
      <p class="muted">
        Один файл PDF для печати: для каждого ученика класса — отрезной листок с кодом для родителя и листок с кодом для ученика, с адресом
        и тем, что делать. Кому учётная запись уже активирована, код не выдаётся. Новые коды заменяют выданные раньше и ещё не
        использованные: старые листки перестанут действовать.
      </p>
      <button type="button" data-testid="meeting-codes-download" disabled={busy()} onClick={() => void download()}>
        {busy() ? 'Готовим файл…' : 'Коды для родительского собрания (PDF)'}
      </button>
      <Show when={done()}>
        {(d) => (
          <p class="state-ok" role="status" data-testid="meeting-codes-done">
            Выдано кодов: {d().issued}. Файл «{d().fileName}» сохранён: распечатайте его и разрежьте по пунктиру.
          </p>
        )}
      </Show>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="meeting-codes-error">
          {error()}
        </p>
      </Show>
    </section>
  );
}
