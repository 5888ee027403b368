import { createSignal, Index, onMount, Show, type JSX } from 'solid-js';
import { formatRuDate, type ParentContact } from '../../../model/index.ts';
import { listPersonal, savePersonal } from './personal-api.ts';
import '../../styles/personal-panel.css';

/** The server's limit (STU-10): more are refused there, so the form does not offer them. */
const MAX_PARENTS = 4;
const emptyParent = (): ParentContact => ({ name: '', phone: '', email: '' });

/**
 * «Контакты родителей» of one student (STU-9), for the administrator on the students page and
 * the class teacher on the codes page: birth date and parents, edited in place and saved as a
 * whole. The data lives on the server only (never in the journal on this device), so the panel
 * loads it when opened and needs the network; the server checks it and its error is shown.
 */
export function PersonalPanel(props: { classId: string; studentId: string; studentName: string }): JSX.Element {
  const [loaded, setLoaded] = createSignal(false);
  const [birthDate, setBirthDate] = createSignal('');
  const [parents, setParents] = createSignal<ParentContact[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const show = (r: { birthDate: string | null; parents: ParentContact[] } | undefined) => {
    setBirthDate(r?.birthDate ?? '');
    setParents(r?.parents.map((p) => ({ ...p })) ?? []);
  };
  onMount(async () => {
    const res = await listPersonal(props.classId);
    if (!res.ok) return setError(res.error);
    show(res.value.records.find((r) => r.studentId === props.studentId));
    setLoaded(true);
  });

  const edit = (i: number, field: keyof ParentContact, value: string) =>
    setParents(parents().map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    setBusy(true);
    const res = await savePersonal({
      classId: props.classId,
      studentId: props.studentId,
      birthDate: birthDate() || null,
      parents: parents(),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    // The server's copy: phones come back written one way («+7 912 345-67-89»).
    show(res.value.record);
    setSaved(`Сохранено${res.value.record.birthDate ? `: дата рождения ${formatRuDate(res.value.record.birthDate)}` : ''}`);
  };

  return (
    <section class="personal-panel" data-testid={`personal-${props.studentId}`}>
      <h3>Контакты родителей · {props.studentName}</h3>
      <p class="muted">Хранятся только на сервере и не попадают в журнал; изменить их можно при подключении к сети.</p>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="personal-error">
          {error()}
        </p>
      </Show>
      <Show when={saved()}>
        <p class="ok-line" data-testid="personal-saved">
          {saved()}
        </p>
      </Show>
      <Show when={loaded()} fallback={<Show when={!error()}>{<p class="muted">Загрузка…</p>}</Show>}>
        <form class="personal-form" onSubmit={(e) => void save(e)}>
          <label class="personal-birth">
            Дата рождения
            <input type="date" data-testid="personal-birth" value={birthDate()} onInput={(e) => setBirthDate(e.currentTarget.value)} />
          </label>
          <table class="personal-parents">
            <thead>
              <tr>
                <th>ФИО родителя</th>
                <th>Телефон</th>
                <th>E-mail</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <Index each={parents()} fallback={<NoParents />}>
                {(p, i) => (
                  <tr data-testid={`personal-parent-${i}`}>
                    <td>
                      <input data-testid="parent-name" value={p().name} onInput={(e) => edit(i, 'name', e.currentTarget.value)} />
                    </td>
                    <td>
                      <input
                        data-testid="parent-phone"
                        type="tel"
                        value={p().phone}
                        placeholder="+7 912 345-67-89"
                        onInput={(e) => edit(i, 'phone', e.currentTarget.value)}
                      />
                    </td>
                    <td>
                      <input
                        data-testid="parent-email"
                        type="email"
                        value={p().email}
                        onInput={(e) => edit(i, 'email', e.currentTarget.value)}
                      />
                    </td>
                    <td>
                      <button type="button" class="secondary" onClick={() => setParents(parents().filter((_, j) => j !== i))}>
                        Удалить
                      </button>
                    </td>
                  </tr>
                )}
              </Index>
            </tbody>
          </table>
          <div class="personal-actions">
            <button
              type="button"
              class="secondary"
              data-testid="personal-add-parent"
              disabled={parents().length >= MAX_PARENTS}
              onClick={() => setParents([...parents(), emptyParent()])}
            >
              Добавить родителя
            </button>
            <button type="submit" data-testid="personal-save" disabled={busy()}>
              Сохранить
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}

function NoParents(): JSX.Element {
  return (
    <tr>
      <td colSpan={4} class="muted">
        Родители не указаны.
      </td>
    </tr>
  );
}
