import { createMemo, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { classes, parseDocName, type ClassId } from '../../../model/index.ts';
import { homeHref, replaceHash, route, studentsHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';
import { ClassRoster } from './class-roster.tsx';
import '../../styles/substitutions.css';
import '../../styles/students.css';

/**
 * `#/students[?class=…]`: student movement (движение учащихся) for the administrator, who keeps
 * the roster (PERM-9): per class, arrivals, departures, transfers to another class and between
 * groups, each with its date. The class journal is opened on the device (from IndexedDB first).
 */
export function StudentsPage(): JSX.Element {
  const ctx = useSchool();
  const classId = createMemo(() => {
    const r = route();
    return r.page === 'students' ? r.classId : null;
  });
  const list = createMemo(() => {
    if (!ctx.ready()) return [];
    ctx.version();
    return classes.all(ctx.school!.doc).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'));
  });
  const admin = () => ctx.me.user.roles.includes('admin');
  const grant = (id: string) =>
    ctx.me.documents.find((d) => {
      const n = parseDocName(d.name);
      return n?.kind === 'journal' && n.classId === id;
    });
  return (
    <div class="students-page" data-testid="students-page">
      <div class="plan-head">
        <a href={homeHref()} class="back" title="На главную">
          ←
        </a>
        <h1>Движение учащихся</h1>
        <label class="class-pick">
          Класс{' '}
          <select
            data-testid="students-class"
            value={classId() ?? ''}
            onChange={(e) => replaceHash(studentsHref(e.currentTarget.value || null))}
          >
            <option value="">— выберите класс</option>
            <For each={list()}>
              {([id, c]) => (
                <option value={id} selected={id === classId()}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
        </label>
      </div>
      <Show when={admin()} fallback={<p class="notice">Движение учащихся вносит администратор.</p>}>
        <Show when={classId()} keyed fallback={<p class="muted">Выберите класс, чтобы увидеть его список и движение.</p>}>
          {(id) => (
            <Show when={grant(id)} fallback={<p class="notice">Журнал этого класса вам не открыт.</p>}>
              {(g) => <Roster classId={id as ClassId} name={g().name} access={g().access} />}
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

function Roster(props: { classId: ClassId; name: string; access: 'read' | 'write' }): JSX.Element {
  const ctx = useSchool();
  const journal = openDocument(ctx.me.user.id, props.name, props.access);
  const [loaded, setLoaded] = createSignal(journal.isLoaded());
  onMount(() => void journal.loaded.then(() => setLoaded(true)));
  return (
    <Show when={loaded() && ctx.ready()} fallback={<p class="notice">Загрузка журнала…</p>}>
      <ClassRoster journal={journal.doc} classId={props.classId} writable={props.access === 'write'} />
    </Show>
  );
}
