import { createResource, For, Show, type JSX } from 'solid-js';
import { CONSENT_TITLES, type ConsentState } from '../../../model/index.ts';
import { formatDateTime } from '../announcements/format-time.ts';
import { loadClassConsents, type ClassConsents } from './consent-api.ts';
import '../../styles/notices.css';

const stateText = (s: ConsentState[keyof ConsentState]) =>
  s === null ? 'нет ответа' : `${s.given ? 'дано' : 'отказ'} ${formatDateTime(s.at)}`;

/**
 * CONS-4, CONS-7: `#/consents/{classId}`: per student each parent's consents with their times;
 * a refusal (or no answer) says the family gets the printed extract, with the extract's PDF
 * (REP-15) one click away; then the register of every change.
 */
export function ClassConsentsPage(props: { classId: string }): JSX.Element {
  const [data] = createResource(() => props.classId, loadClassConsents);
  const view = (): ClassConsents | null => {
    const d = data();
    return d?.ok ? d.value : null;
  };
  return (
    <section class="notices-page" data-testid="class-consents-page">
      <Show when={data()?.ok === false}>
        <p class="error">{(data() as { error: string }).error}</p>
      </Show>
      <Show when={view()}>
        {(v) => (
          <>
            <h1>Согласия семей {v().className}</h1>
            <div class="table-scroll">
              <table class="consents-table">
                <thead>
                  <tr>
                    <th>Ученик</th>
                    <th>Родитель</th>
                    <th>{CONSENT_TITLES['personal-data']}</th>
                    <th>{CONSENT_TITLES.email}</th>
                    <th>Выписка на бумаге</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={v().rows}>
                    {(r) => (
                      <tr data-testid={`consents-row-${r.studentId}`} classList={{ refused: r.extract === 'refused' }}>
                        <td>{r.studentName}</td>
                        <td>{r.parents.map((p) => p.name).join(', ') || '—'}</td>
                        <td>{r.parents.map((p) => stateText(p.state['personal-data'])).join('; ') || '—'}</td>
                        <td>{r.parents.map((p) => stateText(p.state.email)).join('; ') || '—'}</td>
                        <td data-testid="consents-extract">
                          <Show when={r.extract} fallback="не нужна">
                            {r.extract === 'refused'
                              ? 'Отказ: выдавать выписку '
                              : r.parents.length === 0
                                ? 'Нет учётной записи родителя: выдавать выписку '
                                : 'Нет согласия: выдавать выписку '}
                            <a href={r.extractHref} target="_blank" rel="noopener">
                              (PDF)
                            </a>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <h2>Журнал согласий</h2>
            <Show when={v().register.length > 0} fallback={<p class="hint">Пока никто не давал и не отзывал согласий.</p>}>
              <ol class="consent-register" data-testid="class-consent-register">
                <For each={v().register}>
                  {(e) => (
                    <li>
                      {formatDateTime(e.at)} — {e.name}: {e.given ? 'дано' : 'отозвано'} —{' '}
                      {CONSENT_TITLES[e.kind].charAt(0).toLowerCase() + CONSENT_TITLES[e.kind].slice(1)}
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
