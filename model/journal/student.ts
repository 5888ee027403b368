import type * as Y from 'yjs';
import { isIsoDate, isValidId, randomId, type GroupId, type IsoDate, type StudentId } from '../ids.ts';
import { joinKey, rootMap, splitKey, writeValue } from '../doc/flat-map.ts';
import { IUP_EXEMPT, iupEdges, iupModeOn, iupNames, parseIupPlan, type IupPlan } from './iup.ts';

/** A student on the class roster. Personal data beyond the name stays on the server. */
export interface Student {
  id: StudentId;
  name: string;
  /** The groups the student is in now (and since the last group transfer). */
  groups: GroupId[];
  enrolledOn: IsoDate | null;
  leftOn: IsoDate | null;
  /** STU-8: the groups held before each group transfer, oldest first; absent when never transferred. */
  groupHistory?: GroupSpell[];
  /** IUP-1: the student's individual study plan; absent when none (or malformed). */
  iup?: IupPlan;
}

/** STU-8: the groups a student was in up to the day before `until` (a group transfer's date). */
export interface GroupSpell {
  until: IsoDate;
  groups: GroupId[];
}

type Field = 'name' | 'groups' | 'enrolledOn' | 'leftOn' | 'groupHistory' | 'iup';
// The plan (IUP-3) is written on its own, never by overwriting a whole record (an import, an arrival).
const FIELDS: readonly Exclude<Field, 'iup'>[] = ['name', 'groups', 'enrolledOn', 'leftOn', 'groupHistory'];

/** STU-8: a stored group history, or null when the value is not one (sorted by date, malformed spells dropped). */
export function parseGroupHistory(value: unknown): GroupSpell[] | null {
  if (!Array.isArray(value)) return null;
  const spells: GroupSpell[] = [];
  for (const v of value) {
    const spell = v as { until?: unknown; groups?: unknown } | null;
    if (typeof spell !== 'object' || spell === null || !isIsoDate(spell.until) || !Array.isArray(spell.groups)) return null;
    if (!spell.groups.every(isValidId)) return null;
    spells.push({ until: spell.until, groups: [...spell.groups] as GroupId[] });
  }
  return spells.sort((a, b) => a.until.localeCompare(b.until));
}

/**
 * STU-4: a new student's id: 6 random characters (36⁶ ≈ 2·10⁹, no collision within a school).
 * Short, because it is in the key of every mark and absence of the student.
 */
export function newStudentId(random: () => number = Math.random): StudentId {
  return randomId(6, random) as StudentId;
}

/** Writes one roster field (`students["studentId:field"]`). */
export function setStudentField<F extends Field>(doc: Y.Doc, id: StudentId, field: F, value: Student[F]): void {
  writeValue(rootMap(doc, 'students'), joinKey(id, field), (value ?? null) as never);
}

/** Adds or overwrites a student's whole roster record. */
export function putStudent(doc: Y.Doc, s: Student): void {
  for (const f of FIELDS) setStudentField(doc, s.id, f, s[f]);
}

/**
 * STU-3: the roster, sorted by name the Russian way (ё with е, not by code point), namesakes by
 * id so that every replica shows one order. Malformed
 * fields read as empty; a student without a name (removed) is not listed.
 */
export function listStudents(doc: Y.Doc): Student[] {
  const byId = new Map<string, Student>();
  rootMap(doc, 'students').forEach((value, key) => {
    const [id, field] = splitKey(key);
    let s = byId.get(id);
    if (!s) {
      s = { id: id as StudentId, name: '', groups: [], enrolledOn: null, leftOn: null };
      byId.set(id, s);
    }
    if (field === 'name' && typeof value === 'string') s.name = value;
    else if (field === 'groups' && Array.isArray(value)) s.groups = value.filter((g) => typeof g === 'string') as GroupId[];
    else if (field === 'enrolledOn' && isIsoDate(value)) s.enrolledOn = value;
    else if (field === 'leftOn' && isIsoDate(value)) s.leftOn = value;
    else if (field === 'groupHistory') {
      const history = parseGroupHistory(value);
      if (history && history.length > 0) s.groupHistory = history;
    } else if (field === 'iup') {
      const plan = parseIupPlan(value);
      if (plan) s.iup = plan;
    }
  });
  // Namesakes are ordered by id: map iteration order differs between replicas.
  const byName = (a: Student, b: Student) => a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...byId.values()].filter((s) => s.name !== '').sort(byName);
}

/** STU-1: a student is on the page of a date when enrolled by then and not yet left. */
export function isEnrolledOn(s: Student, date: IsoDate): boolean {
  return (s.enrolledOn === null || s.enrolledOn <= date) && (s.leftOn === null || date < s.leftOn);
}

/**
 * STU-2: a student belongs to a group page when the group is the whole class or theirs.
 * STU-8: with a date, "theirs" is the groups they were in on that date (`groupsOn`); without
 * one, the groups they are in now.
 * IUP-2: with a date and the page's subject, an individual plan in force that names the subject
 * decides instead: the student is on the page of its group of one only (none when exempt).
 */
export function isInGroup(s: Student, groupId: GroupId, date?: IsoDate, subjectId?: string): boolean {
  if (date !== undefined && subjectId !== undefined) {
    const mode = iupModeOn(s.iup, subjectId, date);
    if (mode !== null) return mode !== IUP_EXEMPT && mode === groupId;
  }
  return groupId === 'all' || (date === undefined ? s.groups : groupsOn(s, date)).includes(groupId);
}

/** STU-8: the groups a student was in on `date`: the spell of the history that date falls in, else the current ones. */
export function groupsOn(s: Student, date: IsoDate): GroupId[] {
  for (const spell of s.groupHistory ?? []) if (date < spell.until) return spell.groups;
  return s.groups;
}

/** The days on which what `isInGroup` answers for the student may change: group transfers, a plan's ends. */
function rosterEdges(s: Student, plan: IupPlan): IsoDate[] {
  return [...(s.groupHistory ?? []).map((h) => h.until), ...iupEdges(plan)];
}

/** Earlier than any date: the state before the first edge. */
const BEFORE_ALL = '0000-01-01' as IsoDate;

/**
 * STU-8: whether the student was ever in the group this year (now, or in a spell of their history).
 * IUP-2: with the page's subject, whether on the page on any day, the plan counted.
 */
export function everInGroup(s: Student, groupId: GroupId, subjectId?: string): boolean {
  if (iupNames(s.iup, subjectId)) return [BEFORE_ALL, ...rosterEdges(s, s.iup)].some((d) => isInGroup(s, groupId, d, subjectId));
  return isInGroup(s, groupId) || (s.groupHistory ?? []).some((h) => h.groups.includes(groupId));
}

/**
 * STU-8: whether the student was in the group on any day from `from` to `to` (a page showing that range lists them).
 * IUP-2: with the page's subject, whether on the page on any of those days, the plan counted.
 */
export function wasInGroupBetween(s: Student, groupId: GroupId, from: IsoDate, to: IsoDate, subjectId?: string): boolean {
  if (iupNames(s.iup, subjectId)) {
    const edges = rosterEdges(s, s.iup).filter((d) => d > from && d <= to);
    return [from, ...edges].some((d) => isInGroup(s, groupId, d, subjectId));
  }
  if (groupId === 'all') return true;
  const changes = (s.groupHistory ?? []).map((h) => h.until).filter((d) => d > from && d <= to);
  return [from, ...changes].some((d) => groupsOn(s, d).includes(groupId));
}
