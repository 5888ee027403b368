import { createMemo, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { classes, parseDocName, readJournalMeta, type ClassId } from '../../../../model/index.ts';
import { useSchool } from '../../../state/school-context.tsx';
import { openDocument } from '../../../sync/doc-registry.ts';
import '../../../styles/students.css';
import '../../../styles/year-iup.css';
import { useYearEdit } from '../year-edit.ts';
import { IupRoster } from './iup-roster.tsx';
import { IupSchoolList } from './iup-school-list.tsx';

/**
 * «ИУП»: individual study plans (индивидуальные учебные планы). Per class, each student's plan
 * — its days, basis and, per subject, with the class, alone in a group of one, or not studied —
 * written into the class journal (IUP-1…IUP-6); the groups of one go into the school year, where
 * the load and the timetable give them a teacher and lessons (IUP-7); and the school's list of
 * students on plans (IUP-9).
 */
export function IupTab(): JSX.Element {
  const ctx = useSchool();
  const y = useYearEdit();
  const list = createMemo(() => {
    const d = y.doc();
    return d ? classes.all(d).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru')) : [];
  });
  const [classId, setClassId] = createSignal<ClassId | null>(null);
  const grant = (id: string) =>
    ctx.me.documents.find((d) => {
      const n = parseDocName(d.name);
      return n?.kind === 'journal' && n.classId === id;
    });
  return (
    <div data-testid="year-iup">
      <section class="year-section">
        <h2>Индивидуальные учебные планы</h2>
        <p class="muted">
          Ученик по ИУП по части предметов занимается отдельно — в своей группе из одного ученика, со своим учителем и расписанием, — или не
          изучает их; по остальным предметам он с классом. Учителя группы назначают на вкладке «Нагрузка», уроки — в расписании.
        </p>
        <p class="year-add-line">
          <label for="iup-class">Класс</label>
          <select id="iup-class" data-testid="iup-class" onChange={(e) => setClassId((e.currentTarget.value || null) as ClassId | null)}>
            <option value="">— выберите класс</option>
            <For each={list()}>
              {([id, c]) => (
                <option value={id} selected={id === classId()}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
        </p>
        <Show when={classId()} keyed>
          {(id) => (
            <Show when={grant(id)} fallback={<p class="notice">Журнал этого класса вам не открыт.</p>}>
              {(g) => <ClassPlans classId={id} name={g().name} access={g().access} />}
            </Show>
          )}
        </Show>
      </section>
      <IupSchoolList />
    </div>
  );
}

/** The class journal, opened on the device as the students page does, and its roster with plans. */
function ClassPlans(props: { classId: ClassId; name: string; access: 'read' | 'write' }): JSX.Element {
  const ctx = useSchool();
  const y = useYearEdit();
  const journal = openDocument(ctx.me.user.id, props.name, props.access);
  const [loaded, setLoaded] = createSignal(journal.isLoaded());
  onMount(() => void journal.loaded.then(() => setLoaded(true)));
  const grade = () => readJournalMeta(journal.doc)?.grade ?? (y.doc() ? classes.get(y.doc()!, props.classId)?.grade : undefined) ?? 0;
  return (
    <Show when={loaded()} fallback={<p class="notice">Загрузка журнала…</p>}>
      <IupRoster y={y} journal={journal.doc} classId={props.classId} grade={grade()} writable={props.access === 'write' && y.canWrite()} />
    </Show>
  );
}
