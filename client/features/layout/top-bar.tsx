import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { ROLE_NAMES, readSchoolMeta, STAFF_ROLES } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { session, signOut, signOutEverywhere } from '../../state/session.ts';
import { ADMIN_HREF, homeHref, REPORTS_HREF } from '../../state/router.ts';
import { IdentityLink } from '../account/identity-link.tsx';
import { YearSwitcher } from './year-switcher.tsx';
import { NoticesLinks } from '../notifications/notices-links.tsx';
import { MessagesLink } from '../messages/messages-link.tsx';

/**
 * The app's header: school, user, and the way home and out. On a wide screen every control is
 * on one line; on a phone or a narrow window (layout.css, ≤ 820 px) the links and the sign-out
 * buttons fold behind «Меню», which unfolds them below the bar, so the page never grows wider
 * than the screen.
 */
export function TopBar(): JSX.Element {
  const ctx = useSchool();
  const [menuOpen, setMenuOpen] = createSignal(false);
  const close = () => setMenuOpen(false);
  // Another page: the menu has done its job.
  window.addEventListener('hashchange', close);
  onCleanup(() => window.removeEventListener('hashchange', close));
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
    <header class="top-bar" classList={{ 'menu-open': menuOpen() }}>
      <a class="brand" href={homeHref()}>
        Электронный журнал
      </a>
      <span class="school-title">{schoolTitle()}</span>
      <YearSwitcher />
      <span class="spacer" />
      <Show when={fromCache()}>
        <span class="badge" title="Сервер недоступен: работаем с сохранёнными данными">
          офлайн-режим
        </span>
      </Show>
      <nav class="top-links" id="top-links" aria-label="Разделы">
        {/* MSG-13: staff reach their conversations here; families from the diary page. */}
        <Show when={ctx.me.user.roles.some((r) => STAFF_ROLES.includes(r))}>
          <MessagesLink />
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
        {/* AUTH-26: another child of the family joins this account with its parent's code. */}
        <Show when={ctx.me.user.roles.includes('parent')}>
          <a class="top-link" href="#/activate" data-testid="add-child-link">
            Добавить ребёнка
          </a>
        </Show>
        {/* ANN-2, NOTIF-1, CONS-1: announcements, notifications and a parent's consents. */}
        <NoticesLinks />
        {/* AUTH-28: the region's identity provider linked to this account, when the server has one. */}
        <IdentityLink />
      </nav>
      <span class="user" data-testid="current-user" title={`${ctx.me.user.name} — ${roles()}`}>
        <span class="user-name">{ctx.me.user.name}</span>
        <span class="user-roles">{roles()}</span>
      </span>
      <button
        type="button"
        class="secondary menu-toggle"
        data-testid="top-menu-toggle"
        aria-expanded={menuOpen()}
        aria-controls="top-links top-actions"
        title="Отчёты, администрирование и выход"
        onClick={() => setMenuOpen(!menuOpen())}
      >
        Меню
      </button>
      <div class="top-actions" id="top-actions">
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
      </div>
    </header>
  );
}
