import { createResource, For, Show, type JSX } from 'solid-js';
import { CONSENT_KINDS, CONSENT_TITLES, type ConsentKind } from '../../../model/index.ts';
import { formatDateTime } from '../announcements/format-time.ts';
import { loadOwnConsents, setConsent, type OwnConsents } from './consent-api.ts';
import '../../styles/notices.css';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const EXPLAIN: Readonly<Record<ConsentKind, string>> = {
  'personal-data':
    'Школа обрабатывает персональные данные вашего ребёнка и ваши (ФИО, отметки, посещаемость, контакты) в электронном журнале и дневнике. Без согласия школа выдаёт выписку из дневника на бумаге не реже раза в две недели.',
  email:
    'Сводка новостей дневника (объявления, отметки, итоговые, сообщения) на адрес, который вы сообщили школе, не чаще, чем задано школой.',
};

/**
 * CONS-1, CONS-2: `#/consent` «Согласия» in a parent's profile: each consent as it stands, since
 * when, given or withdrawn with one button, and the register of every change with its time.
 */
export function ConsentPage(): JSX.Element {
  const [data, { mutate }] = createResource(loadOwnConsents);
  const view = (): OwnConsents | null => {
    const d = data();
    return d?.ok ? d.value : null;
  };
  const change = async (kind: ConsentKind, given: boolean) => {
    if (!given && !confirm('Отозвать согласие? Это вступает в силу сразу.')) return;
    const r = await setConsent(kind, given);
    mutate(r.ok ? r : { ok: false, error: r.error });
  };
  return (
    <section class="notices-page consent-page" data-testid="consent-page">
      <h1>Согласия (152-ФЗ)</h1>
      <Show when={data()?.ok === false}>
        <p class="error">{(data() as { error: string }).error}</p>
      </Show>
      <Show when={view()}>
        {(v) => (
          <>
            <For each={CONSENT_KINDS}>
              {(kind) => {
                const s = () => v().state[kind];
                return (
                  <article class="consent-card" data-testid={`consent-${kind}`}>
                    <h2>{CONSENT_TITLES[kind]}</h2>
                    <p class="hint">{EXPLAIN[kind]}</p>
                    <p class="consent-state" data-testid={`consent-state-${kind}`}>
                      {s() === null ? 'Не дано' : s()!.given ? `Дано ${formatDateTime(s()!.at)}` : `Отозвано ${formatDateTime(s()!.at)}`}
                    </p>
                    <Show when={kind === 'email'}>
                      <p class="hint" data-testid="consent-email-address">
                        {!v().emailOn
                          ? 'Отправка писем в школе выключена: уведомления видны только в дневнике.'
                          : v().email
                            ? `Адрес: ${v().email} (из контактов, которые вы сообщили школе).`
                            : 'Школа не знает вашего адреса электронной почты: сообщите его классному руководителю.'}
                      </p>
                    </Show>
                    <Show
                      when={s()?.given}
                      fallback={
                        <button type="button" onClick={() => void change(kind, true)} data-testid={`consent-give-${kind}`}>
                          Дать согласие
                        </button>
                      }
                    >
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => void change(kind, false)}
                        data-testid={`consent-withdraw-${kind}`}
                      >
                        Отозвать согласие
                      </button>
                    </Show>
                  </article>
                );
              }}
            </For>
            <h2>Журнал изменений</h2>
            <Show when={v().register.length > 0} fallback={<p class="hint">Изменений пока не было.</p>}>
              <ol class="consent-register" data-testid="consent-register">
                <For each={[...v().register].reverse()}>
                  {(e) => (
                    <li>
                      {formatDateTime(e.at)} — {e.given ? 'дано' : 'отозвано'}: {lowerFirst(CONSENT_TITLES[e.kind])}
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
