import { isPersonName, nameKey } from './import-cells.ts';

/**
 * A parent's (законный представитель) contacts. Personal data under 152-ФЗ: held by the
 * server only, in its own table, never in a journal document, which every teacher of the
 * class keeps on their device.
 */
export interface ParentContact {
  name: string;
  /** «+7 912 345-67-89», or ''. */
  phone: string;
  /** Lower case, or ''. */
  email: string;
}

/** What the server keeps about a student beyond the journal's roster (name, groups, dates). */
export interface StudentPersonal {
  classId: string;
  studentId: string;
  /** ISO date, or null when not given. */
  birthDate: string | null;
  parents: ParentContact[];
}

/** How personal records are looked up: a class's roster is its journal's, so class and student. */
export const personalKey = (classId: string, studentId: string) => `${classId}:${studentId}`;

/**
 * A Russian phone number written one way: «8 (912) 345-67-89», «+79123456789» and
 * «912 345 67 89» are all «+7 912 345-67-89»; anything else is null.
 */
export function normalizePhone(text: string): string | null {
  if (!/^[\d\s()+-]+$/.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) digits = digits.slice(1);
  if (digits.length !== 10 || (text.trim().startsWith('+') && !text.trim().startsWith('+7'))) return null;
  return `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`;
}

/** An e-mail address in lower case, or null when it does not look like one. */
export function normalizeEmail(text: string): string | null {
  const e = text.trim().toLowerCase();
  return e.length <= 200 && /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(e) ? e : null;
}

/** The field of a parent's problem (the import's column names). */
export type ParentField = 'parentName' | 'phone' | 'email';

/**
 * A parent's contacts as a person typed them (an import row, the «Контакты родителей» panel):
 * a full name, a phone that `normalizePhone` reads, an e-mail that `normalizeEmail` accepts; an
 * empty phone or e-mail is ''. The contacts are meaningful only when there are no problems.
 */
export function readParentContact(
  name: string,
  phoneText: string,
  emailText: string,
): { parent: ParentContact; problems: Array<{ field: ParentField; problem: string }> } {
  const problems: Array<{ field: ParentField; problem: string }> = [];
  if (!isPersonName(name)) problems.push({ field: 'parentName', problem: `ФИО родителя «${name}» — укажите фамилию и имя` });
  const phone = phoneText === '' ? '' : normalizePhone(phoneText);
  if (phone === null)
    problems.push({ field: 'phone', problem: `телефон «${phoneText}» — нужен номер из 10 цифр, например +7 912 345-67-89` });
  const email = emailText === '' ? '' : normalizeEmail(emailText);
  if (email === null) problems.push({ field: 'email', problem: `e-mail «${emailText}» неверный` });
  return { parent: { name, phone: phone ?? '', email: email ?? '' }, problems };
}

/**
 * The personal record after adding `parents`: a parent of the same name gets the given contacts,
 * a new one is added, the others stay; a birth date fills an empty one. Null when nothing changes.
 */
export function mergePersonal(old: StudentPersonal | undefined, next: StudentPersonal): StudentPersonal | null {
  if (!old) return next.parents.length > 0 || next.birthDate !== null ? next : null;
  const parents = old.parents.map((p) => ({ ...p }));
  let changed = false;
  for (const p of next.parents) {
    const i = parents.findIndex((q) => nameKey(q.name) === nameKey(p.name));
    if (i < 0) {
      parents.push(p);
      changed = true;
    } else if (parents[i].phone !== p.phone || parents[i].email !== p.email) {
      parents[i] = p;
      changed = true;
    }
  }
  const birthDate = old.birthDate ?? next.birthDate;
  if (birthDate !== old.birthDate) changed = true;
  return changed ? { classId: old.classId, studentId: old.studentId, birthDate, parents } : null;
}
