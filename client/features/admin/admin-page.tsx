import { createSignal, onMount, Show, type JSX } from 'solid-js';
import type { Role } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { IMPORT_HREF, studentsHref, YEAR_HREF } from '../../state/router.ts';
import {
  issueCode,
  listCodes,
  listOidcLinks,
  listUsers,
  unlinkOidc,
  unlockSignIn,
  updateUser,
  type AdminUser,
  type CodeInfo,
  type OidcLinks,
} from './admin-api.ts';
import { AccessLogPanel } from './access-log-panel.tsx';
import { ArchivePanel } from './archive-panel.tsx';
import { CodesPanel } from './codes-panel.tsx';
import { IssuedCode } from './issued-code.tsx';
import { UsersTable } from './users-table.tsx';

/**
 * The administrator's page (`#/admin`): users, their roles and sign-in, activation codes, and the
 * archive (exports, backups, signed snapshots). It works online only: accounts and the archive
 * live on the server, not in a synced document.
 */
export function AdminPage(): JSX.Element {
  const ctx = useSchool();
  const [users, setUsers] = createSignal<AdminUser[]>([]);
  const [codes, setCodes] = createSignal<CodeInfo[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const [busyId, setBusyId] = createSignal<string | null>(null);
  const [issued, setIssued] = createSignal<{ code: string; name: string; expiresAt: number } | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  const [oidc, setOidc] = createSignal<OidcLinks | null>(null);

  const reload = async () => {
    const [u, c, o] = await Promise.all([listUsers(), listCodes(), listOidcLinks()]);
    if (!u.ok) return setError(u.error);
    if (!c.ok) return setError(c.error);
    setUsers(u.value.users);
    setCodes(c.value.codes);
    setOidc(o);
    setLoaded(true);
  };
  onMount(() => void reload());

  const change = async (user: AdminUser, patch: { roles?: Role[]; disabled?: boolean }) => {
    setBusyId(user.id);
    setError(null);
    const res = await updateUser(user.id, patch);
    setBusyId(null);
    if (!res.ok) {
      setError(res.error);
      // The checkbox already moved: show the server's truth again.
      setUsers([...users()]);
      return;
    }
    setUsers(users().map((u) => (u.id === user.id ? res.value.user : u)));
  };

  // AUTH-24: the user's failed sign-ins are forgotten; they may sign in at once.
  const unlock = async (user: AdminUser) => {
    setBusyId(user.id);
    setError(null);
    const res = await unlockSignIn(user.id);
    setBusyId(null);
    if (!res.ok) return setError(res.error);
    setUsers(users().map((u) => (u.id === user.id ? res.value.user : u)));
  };

  // AUTH-31: the account's identity of the region's system is unbound; the user is signed out everywhere.
  const unlinkIdentity = async (user: AdminUser) => {
    const name = oidc()?.name ?? '';
    if (!confirm(`Отвязать вход через «${name}» от учётной записи ${user.name}? Пользователь выйдет на всех устройствах.`)) return;
    setBusyId(user.id);
    setError(null);
    const res = await unlinkOidc(user.id);
    setBusyId(null);
    if (!res.ok) return setError(res.error);
    const o = oidc();
    if (o) setOidc({ ...o, linked: o.linked.filter((l) => l.userId !== user.id) });
  };

  const issue = async (spec: { name: string; role: Role } | { userId: string }) => {
    setError(null);
    setBusyId('issue');
    const res = await issueCode(spec);
    setBusyId(null);
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    setIssued({ code: res.value.code, name: res.value.name, expiresAt: res.value.expiresAt });
    void reload();
    return true;
  };

  return (
    <div class="admin-page" data-testid="admin-page">
      <h1>Администрирование</h1>
      <Show when={ctx.me.user.roles.includes('admin')}>
        <p class="admin-links">
          <a href={IMPORT_HREF} data-testid="import-link">
            Импорт и выгрузка данных
          </a>
          <span class="muted"> — сотрудники, классы и группы, ученики и родители, нагрузка, расписание, КТП: из CSV и XLSX и обратно</span>
        </p>
      </Show>
      <Show when={ctx.me.user.roles.includes('admin')}>
        <p class="admin-links">
          <a href={YEAR_HREF} data-testid="year-link">
            Учебный год
          </a>
          <span class="muted"> — периоды, каникулы, звонки, предметы и часы учебного плана, виды работ, график контрольных работ</span>
        </p>
      </Show>
      <Show when={ctx.me.user.roles.includes('admin')}>
        <p class="admin-links">
          <a href={studentsHref()} data-testid="students-link">
            Движение учащихся
          </a>
          <span class="muted"> — зачисление, выбытие, перевод в другой класс или группу</span>
        </p>
      </Show>
      <Show when={!ctx.me.user.roles.includes('admin')}>
        <p class="login-error">Эта страница доступна только администратору.</p>
      </Show>
      <Show when={error()}>
        <p class="login-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={issued()} keyed>
        {(i) => <IssuedCode code={i.code} name={i.name} expiresAt={i.expiresAt} onClose={() => setIssued(null)} />}
      </Show>
      <Show when={loaded()} fallback={<p class="muted">Загрузка…</p>}>
        <CodesPanel codes={codes()} users={users()} busy={busyId() === 'issue'} onIssue={(name, role) => issue({ name, role })} />
        <section class="admin-section">
          <h2>Пользователи</h2>
          <p class="muted">
            Изменение ролей и отключение действуют сразу: открытые соединения пользователя закрываются, отключённый пользователь выходит на
            всех устройствах. После неудачных попыток входа вход задерживается (не более чем на минуту); «Снять задержку входа» позволяет
            войти сразу.
            <Show when={oidc()}>
              {' '}
              Привязанную региональную учётную запись можно отвязать: пользователь выйдет на всех устройствах и войдёт снова по паролю.
            </Show>
          </p>
          <UsersTable
            users={users()}
            selfId={ctx.me.user.id}
            busyId={busyId()}
            onRoles={(u, roles) => void change(u, { roles })}
            onDisabled={(u, disabled) => void change(u, { disabled })}
            onNewPassword={(u) => void issue({ userId: u.id })}
            onUnlock={(u) => void unlock(u)}
            oidc={oidc()}
            onUnlinkOidc={(u) => void unlinkIdentity(u)}
          />
        </section>
        <AccessLogPanel users={users()} />
      </Show>
      {/* Outside «loaded»: offline it shows its own line on what needs the server. */}
      <Show when={ctx.me.user.roles.includes('admin')}>
        <ArchivePanel />
      </Show>
    </div>
  );
}
