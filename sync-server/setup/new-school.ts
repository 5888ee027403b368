import * as Y from 'yjs';
import {
  bells,
  change,
  deadlineSettings,
  DEADLINES_KEY,
  DEFAULT_DEADLINES,
  initSchoolYear,
  isIsoDate,
  periodProblems,
  periods,
  randomId,
  schoolDocName,
  shortPersonName,
  staff,
  subjects,
  workTypes,
  type IsoDate,
  type Period,
  type SchoolId,
  type YearId,
} from '../../model/index.ts';
import { loginProblem, normalizeLogin, passwordProblem } from '../auth/credentials.ts';
import { hashPassword } from '../auth/passwords.ts';
import { BELLS } from '../demo/school-structure.ts';
import { SUBJECTS, WORK_TYPES } from '../demo/curriculum.ts';
import type { Storage } from '../storage/port.ts';

/** What the setup page sends (SETUP-35). */
export interface NewSchool {
  schoolName: string;
  startsOn: string;
  endsOn: string;
  periods: Array<{ id: string; name: string; startsOn: string; endsOn: string; minGrade: number; maxGrade: number }>;
  admin: { name: string; login: string; password: string };
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** Reads the body of `POST /api/setup` into a NewSchool, whatever was sent (missing fields become empty). */
export function readNewSchool(body: unknown): NewSchool {
  const b = (body ?? {}) as Record<string, unknown>;
  const admin = (b.admin ?? {}) as Record<string, unknown>;
  const list = Array.isArray(b.periods) ? b.periods.slice(0, 20) : [];
  return {
    schoolName: text(b.schoolName, 200),
    startsOn: text(b.startsOn, 10),
    endsOn: text(b.endsOn, 10),
    periods: list.map((p: Record<string, unknown>, i) => ({
      id: /^[a-z0-9]{1,8}$/.test(String(p?.id)) ? String(p.id) : `p${i + 1}`,
      name: text(p?.name, 60),
      startsOn: text(p?.startsOn, 10),
      endsOn: text(p?.endsOn, 10),
      minGrade: Number(p?.minGrade),
      maxGrade: Number(p?.maxGrade),
    })),
    admin: {
      name: text(admin.name, 120),
      login: text(admin.login, 40),
      password: typeof admin.password === 'string' ? admin.password : '',
    },
  };
}

/**
 * SETUP-35: everything wrong with a new school, in Russian, one line each: a name, a year of
 * its dates in order and at most 13 months long, periods by YEAR-1 that give every
 * grade 1…11 at least one, and the administrator's name, login (AUTH-9) and password.
 */
export function newSchoolProblems(s: NewSchool): string[] {
  const out: string[] = [];
  if (!s.schoolName) out.push('Укажите название школы.');
  const datesOk = isIsoDate(s.startsOn) && isIsoDate(s.endsOn);
  if (!datesOk) out.push('Укажите даты начала и конца учебного года.');
  else if (s.startsOn >= s.endsOn) out.push('Начало учебного года должно быть раньше его конца.');
  else if (Date.parse(s.endsOn) - Date.parse(s.startsOn) > 400 * 86_400_000) out.push('Учебный год длиннее 13 месяцев.');
  else {
    const year = { startsOn: s.startsOn, endsOn: s.endsOn };
    if (s.periods.length === 0) out.push('Задайте учебные периоды.');
    const checked: Array<[string, Period]> = [];
    for (const p of s.periods) {
      const period = p as unknown as Period;
      if (!isIsoDate(p.startsOn) || !isIsoDate(p.endsOn)) out.push(`«${p.name || p.id}»: укажите даты периода.`);
      else out.push(...periodProblems(year, period, checked).map((m) => `«${p.name || p.id}»: ${m}`));
      checked.push([p.id, period]);
    }
    if (new Set(s.periods.map((p) => p.id)).size !== s.periods.length) out.push('У двух периодов один код.');
    const uncovered = Array.from({ length: 11 }, (_, i) => i + 1).filter((g) => !s.periods.some((p) => g >= p.minGrade && g <= p.maxGrade));
    if (s.periods.length > 0 && uncovered.length > 0) out.push(`Нет учебных периодов для классов: ${uncovered.join(', ')}.`);
  }
  if (s.admin.name.split(/\s+/).filter(Boolean).length < 2) out.push('Укажите фамилию и имя администратора.');
  const login = normalizeLogin(s.admin.login);
  const loginWrong = loginProblem(login);
  if (loginWrong) out.push(loginWrong);
  const passwordWrong = passwordProblem(s.admin.password, login);
  if (passwordWrong) out.push(passwordWrong);
  return out;
}

/**
 * SETUP-35: writes a new school into an empty store: the school-year document (meta, the
 * periods given; bells, subjects and work types after the usual catalogue, to be edited on
 * «Учебный год») as its first update attributed to "system", and the first administrator
 * with their password. Call only after `newSchoolProblems` found nothing.
 */
export async function createSchool(storage: Storage, s: NewSchool, now: number): Promise<{ docName: string; adminLogin: string }> {
  const startYear = Number(s.startsOn.slice(0, 4));
  const yearId = String(startYear) as YearId;
  const schoolId = `s-${randomId(8)}` as SchoolId;
  const adminId = `u-${randomId(10)}`;
  const doc = new Y.Doc();
  change(doc, 'setup', () => {
    initSchoolYear(doc, {
      schoolId,
      yearId,
      schoolName: s.schoolName,
      title: `${startYear}/${startYear + 1} учебный год`,
      startsOn: s.startsOn as IsoDate,
      endsOn: s.endsOn as IsoDate,
    });
    for (const { id, ...p } of s.periods) periods.set(doc, id, p as Period);
    BELLS.forEach(([starts, ends], i) => bells.set(doc, String(i + 1), { starts, ends }));
    for (const [id, subject] of Object.entries(SUBJECTS)) subjects.set(doc, id, { name: subject.name, marking: subject.marking });
    for (const [id, w] of Object.entries(WORK_TYPES)) {
      workTypes.set(doc, id, {
        name: w.name,
        short: w.short,
        weight: w.weight,
        ...(w.deadlineDays ? { deadlineDays: w.deadlineDays } : {}),
      });
    }
    deadlineSettings.set(doc, DEADLINES_KEY, DEFAULT_DEADLINES);
    staff.set(doc, adminId, { name: s.admin.name, short: shortPersonName(s.admin.name) });
  });
  const adminLogin = normalizeLogin(s.admin.login);
  await storage.createUser({
    id: adminId,
    login: adminLogin,
    name: s.admin.name,
    roles: ['admin'],
    passwordHash: await hashPassword(s.admin.password),
    disabled: false,
  });
  const docName = schoolDocName(schoolId, yearId);
  await storage.appendUpdates(docName, [
    { update: Y.encodeStateAsUpdate(doc), userId: 'system', sessionId: 'system', clientTime: null, serverTime: now },
  ]);
  doc.destroy();
  return { docName, adminLogin };
}
