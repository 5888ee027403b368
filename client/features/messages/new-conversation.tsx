import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { apiCall } from '../../state/api-call.ts';
import { useSchool } from '../../state/school-context.tsx';
import { refreshInbox } from './inbox.ts';
import { conversationHref } from './messages-route.ts';

const OFFLINE = 'Нет связи с сервером: новую переписку можно начать, когда связь вернётся.';

interface FamilyContacts {
  studentId: string;
  studentName: string;
  className: string;
  contacts: Array<{ userId: string; name: string; label: string }>;
}
interface ClassFamily {
  userId: string;
  name: string;
  studentId: string;
  label: string;
}

async function start(studentId: string, withId: string): Promise<string | null> {
  const r = await apiCall<{ id: string }>('POST', '/api/conversations', { studentId, with: withId }, OFFLINE);
  if (!r.ok) return r.error;
  await refreshInbox();
  location.hash = conversationHref(r.value.id);
  return null;
}

/** MSG-10: a family picks whom to write to: the class teacher, a teacher of the child, the administration. */
export function FamilyNewConversation(): JSX.Element {
  const [data] = createResource(() => apiCall<{ students: FamilyContacts[] }>('GET', '/api/conversations/contacts', undefined, OFFLINE));
  const [error, setError] = createSignal<string | null>(null);
  return (
    <div class="new-conversation" data-testid="new-conversation">
      <Show when={data()} fallback={<p class="muted">Загрузка…</p>}>
        {(r) => (
          <Show
            when={r().ok ? (r() as { value: { students: FamilyContacts[] } }).value : null}
            fallback={<p class="muted">{(r() as { error?: string }).error}</p>}
          >
            {(v) => (
              <For each={v().students}>
                {(s) => (
                  <div class="contacts">
                    <Show when={v().students.length > 1}>
                      <h3>
                        {s.studentName}, {s.className}
                      </h3>
                    </Show>
                    <ul>
                      <For each={s.contacts}>
                        {(c) => (
                          <li>
                            <button
                              type="button"
                              class="contact"
                              data-testid="contact"
                              onClick={() => void start(s.studentId, c.userId).then(setError)}
                            >
                              <strong>{c.name}</strong>
                              <span class="muted">{c.label}</span>
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                  </div>
                )}
              </For>
            )}
          </Show>
        )}
      </Show>
      <Show when={error()}>
        <p class="error">{error()}</p>
      </Show>
    </div>
  );
}

/**
 * Staff: a family of a class they teach (MSG-10), and for the class teacher a message to every
 * parent of the class (MSG-4), each delivered into that parent's own conversation.
 */
export function StaffNewConversation(): JSX.Element {
  const ctx = useSchool();
  const journals = ctx.me.documents.filter((d) => d.kind === 'journal');
  const [classId, setClassId] = createSignal(journals[0]?.name.split('/')[1] ?? '');
  const [families] = createResource(classId, (id) =>
    apiCall<{ families: ClassFamily[] }>('GET', `/api/conversations/contacts?classId=${encodeURIComponent(id)}`, undefined, OFFLINE),
  );
  const [error, setError] = createSignal<string | null>(null);
  const [note, setNote] = createSignal<string | null>(null);
  const [text, setText] = createSignal('');
  const sendToClass = async () => {
    const r = await apiCall<{ sent: number }>('POST', `/api/classes/${classId()}/messages`, { text: text() }, OFFLINE);
    if (!r.ok) return void setError(r.error);
    setText('');
    setNote(`Отправлено родителям: ${r.value.sent}. Ответы придут вам в личные переписки.`);
    await refreshInbox();
  };
  return (
    <div class="new-conversation" data-testid="new-conversation">
      <label>
        Класс{' '}
        <select value={classId()} onChange={(e) => setClassId(e.currentTarget.value)} data-testid="new-conversation-class">
          <For each={journals}>{(j) => <option value={j.name.split('/')[1]}>{j.title.replace(/^Журнал /, '')}</option>}</For>
        </select>
      </label>
      <Show when={families()?.ok ? (families() as { value: { families: ClassFamily[] } }).value.families : null}>
        {(list) => (
          <ul class="contacts">
            <For each={list()} fallback={<li class="muted">В этом классе нет родителей и учеников с доступом к дневнику.</li>}>
              {(f) => (
                <li>
                  <button
                    type="button"
                    class="contact"
                    data-testid="family-contact"
                    onClick={() => void start(f.studentId, f.userId).then(setError)}
                  >
                    <strong>{f.name}</strong>
                    <span class="muted">{f.label}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
      <details class="to-class">
        <summary>Написать всем родителям класса</summary>
        <p class="muted">
          Только для классного руководителя. Каждый родитель получит сообщение в свою переписку с вами; ответы увидите только вы.
        </p>
        <textarea rows={3} value={text()} onInput={(e) => setText(e.currentTarget.value)} data-testid="to-class-text" />
        <button type="button" disabled={text().trim() === ''} onClick={() => void sendToClass()} data-testid="to-class-send">
          Отправить всем родителям
        </button>
      </details>
      <Show when={note()}>
        <p class="ok">{note()}</p>
      </Show>
      <Show when={error()}>
        <p class="error">{error()}</p>
      </Show>
    </div>
  );
}
