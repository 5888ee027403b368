import type * as Y from 'yjs';
import { sameJson } from '../doc/flat-map.ts';
import { ROLE_NAMES, STAFF_ROLES, type Role } from '../access/journal-access.ts';
import { staff } from '../school/staff.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import { cleanCell, isPersonName, nameKey, shortPersonName, type Cell } from './import-cells.ts';
import { newLogin } from './import-ids.ts';
import { ImportIssues, type ImportOutcome, type PreviewRow } from './import-report.ts';
import { FirstRows, previewOf, readImportTable } from './import-table.ts';

/** An account of the server's registry, as the staff import sees it. */
export interface StaffAccount {
  id: string;
  login: string;
  name: string;
  roles: readonly Role[];
  disabled?: boolean;
}

export interface StaffImportContext {
  accounts: readonly StaffAccount[];
  /** Who imports: only an administrator grants or changes roles. */
  importer: { id: string; roles: readonly Role[] };
  /** The server's rule for logins (AUTH-9): null when acceptable, else why not. */
  loginProblem(login: string): string | null;
  newUserId(): string;
}

export interface StaffPlanEntry {
  row: number;
  userId: string;
  name: string;
  login: string;
  /** The account's roles after the import (family roles kept). */
  roles: Role[];
  isNew: boolean;
  nameChanged: boolean;
  rolesChanged: boolean;
}

export interface StaffPlan {
  entries: StaffPlanEntry[];
}

const ROLE_WORDS: ReadonlyArray<[RegExp, Role]> = [
  [/^(педагог психолог|психолог|psychologist)$/, 'psychologist'],
  [/^(администратор|администратор эж|admin)$/, 'admin'],
  [/^(директор|director)$/, 'director'],
  [/^(заместитель директора|зам директора|замдиректора|завуч|deputy)( .*)?$/, 'deputy'],
  [/^(учитель|педагог|преподаватель|классный руководитель|teacher)( .*)?$/, 'teacher'],
];

/** «учитель», «заместитель директора по УВР, учитель» → roles; several separated by «,», «;» or «/». */
export function readRoles(text: string): Cell<Role[]> {
  const roles = new Set<Role>();
  for (const part of text.split(/[,;/]/).map((p) => nameKey(p).replace(/[.-]/g, ' ').replace(/ +/g, ' ').trim())) {
    if (part === '') continue;
    const role = ROLE_WORDS.find(([re]) => re.test(part))?.[1];
    if (!role) {
      return {
        ok: false,
        problem: `неизвестная должность «${cleanCell(part)}»: укажите учитель, заместитель директора, директор, администратор или психолог`,
      };
    }
    roles.add(role);
  }
  if (roles.size === 0) return { ok: false, problem: 'не указана должность' };
  return { ok: true, value: STAFF_ROLES.filter((r) => roles.has(r)) };
}

const staffRolesOf = (roles: readonly Role[]) => STAFF_ROLES.filter((r) => roles.includes(r));
const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));
const roleList = (roles: readonly Role[]) => roles.map((r) => ROLE_NAMES[r]).join(', ');

/**
 * IMP-8: staff (ФИО, должность, логин): a row is the account with its login, else the one staff
 * account of that full name, else a new account (without a password: it is activated with a
 * code from the administrator) with a login made of the name; namesakes need logins. Only an
 * administrator grants the administrator's role or changes an account's roles, never removing
 * their own; a login held by somebody else, or invalid, is refused. Each row's staff record
 * (name, «Фамилия И. О.») goes into the school year.
 */
export function planStaffImport(raw: readonly (readonly string[])[], school: Y.Doc, ctx: StaffImportContext): ImportOutcome<StaffPlan> {
  const issues = new ImportIssues();
  const table = readImportTable(raw, IMPORT_COLUMNS.staff, issues);
  if (!table) return issues.outcome(0, [], { entries: [] });
  const isAdmin = ctx.importer.roles.includes('admin');
  const byLogin = new Map(ctx.accounts.map((a) => [a.login.toLowerCase(), a]));
  const staffByName = new Map<string, StaffAccount[]>();
  for (const a of ctx.accounts) {
    if (staffRolesOf(a.roles).length === 0) continue;
    staffByName.set(nameKey(a.name), [...(staffByName.get(nameKey(a.name)) ?? []), a]);
  }
  // Logins the file gives are taken before any is made up for a row without one.
  const taken = new Set([
    ...ctx.accounts.map((a) => a.login.toLowerCase()),
    ...table.rows.map((r) => r.cells.login.toLowerCase()).filter((l) => l !== ''),
  ]);
  const first = new FirstRows(issues);
  const entries: StaffPlanEntry[] = [];
  const preview: PreviewRow[] = [];

  for (const r of table.rows) {
    const { name, role, login: loginCell } = r.cells;
    const login = loginCell.toLowerCase();
    if (!isPersonName(name)) issues.error(r.row, `ФИО «${name}» — укажите фамилию, имя и отчество`, 'name');
    const roles = readRoles(role);
    if (!roles.ok) issues.error(r.row, roles.problem, 'role');
    if (login !== '') {
      // An existing account keeps its login as it is; a new one's must be one a person could choose.
      const problem = byLogin.has(login) ? null : ctx.loginProblem(login);
      if (problem) issues.error(r.row, `логин «${loginCell}»: ${problem}`, 'login');
      first.claim(`login:${login}`, r.row, `логин «${loginCell}»`);
    } else first.claim(`name:${nameKey(name)}`, r.row, `сотрудник «${name}»`);

    let account: StaffAccount | undefined;
    if (login !== '') {
      account = byLogin.get(login);
      if (account && staffRolesOf(account.roles).length === 0) {
        issues.error(r.row, `логин «${loginCell}» занят учётной записью родителя или ученика`, 'login');
        account = undefined;
      }
      const namesake = staffByName.get(nameKey(name))?.find((a) => a.login !== login);
      if (!account && namesake) {
        issues.warn(r.row, `сотрудник «${name}» уже есть с логином «${namesake.login}»: будет создана ещё одна учётная запись`, 'login');
      }
    } else {
      const namesakes = staffByName.get(nameKey(name)) ?? [];
      if (namesakes.length > 1) issues.error(r.row, `сотрудников «${name}» несколько: укажите логин`, 'login');
      account = namesakes.length === 1 ? namesakes[0] : undefined;
    }
    if (!roles.ok || issues.hasError(r.row)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const family = account ? account.roles.filter((x) => !STAFF_ROLES.includes(x)) : [];
    const newRoles = [...family, ...roles.value];
    const rolesChanged = account !== undefined && !sameRoles(staffRolesOf(account.roles), roles.value);
    if (!isAdmin && (rolesChanged || (!account && roles.value.includes('admin')))) {
      const what = account ? `у «${account.name}» роли «${roleList(staffRolesOf(account.roles))}»` : `роль «${ROLE_NAMES.admin}»`;
      issues.error(r.row, `${what}: назначает и меняет роли только администратор (страница «Пользователи»)`, 'role');
    }
    if (account?.id === ctx.importer.id && !roles.value.includes('admin') && account.roles.includes('admin')) {
      issues.error(r.row, 'нельзя снять роль администратора с самого себя', 'role');
    }
    if (issues.hasError(r.row)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const nameChanged = account !== undefined && account.name !== name;
    const recordChanged = account !== undefined && !sameJson(staff.get(school, account.id), { name, short: shortPersonName(name) });
    const finalLogin = account?.login ?? (login !== '' ? login : newLogin(name, taken));
    if (!account) taken.add(finalLogin);
    entries.push({
      row: r.row,
      userId: account?.id ?? ctx.newUserId(),
      name,
      login: finalLogin,
      roles: newRoles,
      isNew: !account,
      nameChanged,
      rolesChanged,
    });
    preview.push(previewOf(r, !account ? 'new' : nameChanged || rolesChanged || recordChanged ? 'changed' : 'same'));
  }
  return issues.outcome(table.rows.length, preview, { entries });
}

/** Writes the staff records (name and short name) of the plan into the school year, where they differ. */
export function applyStaffToSchool(school: Y.Doc, plan: StaffPlan): void {
  for (const e of plan.entries) {
    const record = { name: e.name, short: shortPersonName(e.name) };
    if (!sameJson(staff.get(school, e.userId), record)) staff.set(school, e.userId, record);
  }
}

/** The staff as a table (IMP-14): every enabled account with a staff role, by name. */
export function exportStaffRows(accounts: readonly StaffAccount[]): string[][] {
  return accounts
    .filter((a) => !a.disabled && staffRolesOf(a.roles).length > 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.login.localeCompare(b.login))
    .map((a) => [a.name, roleList(staffRolesOf(a.roles)), a.login]);
}
