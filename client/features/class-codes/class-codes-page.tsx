import { createMemo, createSignal, onMount, Show, type JSX } from 'solid-js';
import { classes, listStudents, parseDocName, type ClassId, type Student } from '../../../model/index.ts';
import { createDocVersion } from '../../bridge/create-doc-version.ts';
import { todayIso } from '../../i18n/format.ts';
import { homeHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';
import { IssuedCode } from '../admin/issued-code.tsx';
import { issueClassCode, listClassCodes, type ClassCode, type FamilyRole } from './class-codes-api.ts';
import { ClassCodesList } from './class-codes-list.tsx';
import { MeetingCodes } from './meeting-codes.tsx';
import { RosterTable } from './roster-table.tsx';
import '../../styles/class-codes.css';

/**
 * `#/class-codes/{classId}`: the class teacher issues activation codes for the students of the
 * class and their parents (AUTH-14) and sees which codes were used. The roster comes from the
 * class journal on this device; codes come from the server, so issuing needs the network.
 */
export function ClassCodesPage(props: { classId: string }): JSX.Element {
  const ctx = useSchool();
  const schoolClass = createMemo(() => {
    if (!ctx.ready()) return undefined;
    ctx.version();
    return classes.get(ctx.school!.doc, props.classId as ClassId);
  });
  const isClassTeacher = () => schoolClass()?.classTeacherId === ctx.me.user.id;
  const title = () => `Коды для родителей и учеников${schoolClass() ? ` · ${schoolClass()!.name} класс` : ''}`;

  return (
    <div class="admin-page class-codes-page" data-testid="class-codes-page">
      <a href={homeHref()} class="back-link">
        ← На главную
      </a>
      <h1>{title()}</h1>
      <Show when={ctx.ready()} fallback={<p class="muted">Загрузка…</p>}>
        <Show
          when={isClassTeacher()}
          fallback={<p class="login-error">Коды для родителей и учеников выдаёт классный руководитель этого класса.</p>}
        >
          <ClassCodes classId={props.classId} />
        </Show>
      </Show>
    </div>
  );
}

function ClassCodes(props: { classId: string }): JSX.Element {
  const ctx = useSchool();
  const grant = ctx.me.documents.find((d) => {
    const n = parseDocName(d.name);
    return n?.kind === 'journal' && n.classId === props.classId;
  });
  // Read only here: the journal is opened as the journal page opens it, to list the roster.
  const journal = grant ? openDocument(ctx.me.user.id, grant.name, grant.access) : null;
  const [codes, setCodes] = createSignal<ClassCode[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [issued, setIssued] = createSignal<{ code: string; name: string; expiresAt: number } | null>(null);
  // Re-reading the roster on each change is cheap: it walks the students map only.
  const version = journal ? createDocVersion(journal.doc) : () => 0;
  const students = createMemo(() => {
    version();
    return journal?.isLoaded() ? listStudents(journal.doc) : [];
  });
  // Those who left need no code; those still to arrive may.
  const current = createMemo(() => {
    const today = todayIso();
    return students().filter((s) => s.leftOn === null || s.leftOn > today);
  });
  const studentName = (id: string) => students().find((s) => s.id === id)?.name ?? id;

  const reload = async () => {
    const res = await listClassCodes(props.classId);
    if (!res.ok) return setError(res.error);
    setCodes(res.value.codes);
    setLoaded(true);
  };
  onMount(() => void reload());

  const issue = async (role: FamilyRole, student: Student, name?: string) => {
    setError(null);
    setBusy(true);
    const res = await issueClassCode(props.classId, { role, studentId: student.id, ...(name ? { name } : {}) });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    // A parent's account is named after the parent: say whose parent, so the code goes to the right family.
    const whose = role === 'parent' && !res.value.name.includes(student.name) ? ` (родитель ученика: ${student.name})` : '';
    setIssued({ code: res.value.code, name: res.value.name + whose, expiresAt: res.value.expiresAt });
    void reload();
    return true;
  };

  return (
    <>
      <p class="muted">
        Код действует 14 дней и только один раз. Ученик или родитель вводит его на странице входа по ссылке «Первый вход: у меня есть код
        активации» и сам выбирает логин и пароль. Учётная запись будет связана с выбранным учеником.
      </p>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="class-codes-error">
          {error()}
        </p>
      </Show>
      <Show when={issued()} keyed>
        {(i) => <IssuedCode code={i.code} name={i.name} expiresAt={i.expiresAt} onClose={() => setIssued(null)} />}
      </Show>
      <MeetingCodes classId={props.classId} onIssued={() => void reload()} />
      <section class="admin-section">
        <h2>Ученики класса</h2>
        <Show when={journal} fallback={<p class="muted">Журнал этого класса вам не открыт: список учеников недоступен.</p>}>
          <Show when={journal!.isLoaded()} fallback={<p class="muted">Загрузка списка класса…</p>}>
            <RosterTable classId={props.classId} students={current()} codes={codes()} busy={busy() || !loaded()} onIssue={issue} />
          </Show>
        </Show>
      </section>
      <section class="admin-section">
        <h2>Выданные коды</h2>
        <Show when={loaded()} fallback={<p class="muted">Загрузка…</p>}>
          <ClassCodesList codes={codes()} studentName={studentName} />
        </Show>
      </section>
    </>
  );
}
