import { Show, type JSX } from 'solid-js';
import { ROLE_NAMES, readSchoolMeta } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { session, signOut, signOutEverywhere } from '../../state/session.ts';
import { ADMIN_HREF, homeHref, REPORTS_HREF } from '../../state/router.ts';

/** The app's header: school, user, and the way home and out. */
export function TopBar(): JSX.Element {
  const ctx = useSchool();
  const schoolTitle = () => {
    ctx.version();
    const meta = ctx.school ? readSchoolMeta(ctx.school.doc) : undefined;
    return meta ? `${meta.schoolName} · ${meta.title}` : '';
  };
  const roles = () => ctx.me.user.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ');
  const fromCache = () => {
    const s = session();
    return s.status === 'signed-in' && s.fromCache;
  };
  return (
    <header class="top-bar">
      <a class="brand" href={homeHref()}>
        Электронный журнал
      </a>
      <span class="school-title">{schoolTitle()}</span>
      <span class="spacer" />
      <Show when={fromCache()}>
        <span class="badge" title="Сервер недоступен: работаем с сохранёнными данными">
          офлайн-режим
        </span>
      </Show>
      <Show when={ctx.me.documents.some((d) => d.kind === 'journal')}>
        <a class="top-link" href={REPORTS_HREF} data-testid="reports-link">
          Отчёты
        </a>
      </Show>
      <Show when={ctx.me.user.roles.includes('admin')}>
        <a class="top-link" href={ADMIN_HREF} data-testid="admin-link">
          Администрирование
        </a>
      </Show>
      <span class="user" data-testid="current-user">
        {ctx.me.user.name}
        <span class="user-roles">{roles()}</span>
      </span>
      <button type="button" class="secondary" data-testid="logout" onClick={() => void signOut()}>
        Выйти
      </button>
      <button
        type="button"
        class="secondary"
        data-testid="logout-all"
        title="Завершить сеансы на всех компьютерах и телефонах, где выполнен вход"
        onClick={() => {
          if (!confirm('Выйти на всех устройствах? Вход понадобится везде заново.')) return;
          void signOutEverywhere().then((err) => err && alert(err));
        }}
      >
        Выйти на всех устройствах
      </button>
    </header>
  );
}
