import type * as Y from 'yjs';
import { WHOLE_CLASS, type ClassId, type GroupId, type SubjectId, type UserId } from '../ids.ts';
import { classes, groups, staff, type Group, type SchoolClass } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { nameKey } from './import-cells.ts';

export type Resolved<T> = { ok: true; id: T } | { ok: false; problem: string };

const found = <T>(id: T): Resolved<T> => ({ ok: true, id });
const missing = (problem: string): Resolved<never> => ({ ok: false, problem });

/** What a group cell says for the whole class. */
const WHOLE_CLASS_WORDS = new Set(['', 'весь класс', 'класс', 'все', 'all', '-', '—']);

function index<T>(entries: ReadonlyArray<[string, T]>, names: (id: string, v: T) => string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, v] of entries) {
    for (const n of new Set(names(id, v).map(nameKey))) out.set(n, [...(out.get(n) ?? []), id]);
  }
  return out;
}

/**
 * IMP-6: the school year's classes, subjects, staff and groups, looked up by what a person
 * types: a class by its name («5Б») or id, a subject by its name or id, a teacher by the full
 * name or «Фамилия И. О.», a group of a class and subject by its name or code; nothing typed
 * (or «весь класс») is the whole class. Case and ё never matter; unknown and ambiguous names
 * are problems in plain Russian.
 */
export class SchoolRefs {
  readonly classes: Map<string, SchoolClass>;
  readonly groups: Map<string, Group>;
  private readonly subjectNames = new Map<string, string>();
  private readonly staffNames = new Map<string, { name: string; short: string }>();
  private readonly classIndex: Map<string, string[]>;
  private readonly subjectIndex: Map<string, string[]>;
  private readonly staffIndex: Map<string, string[]>;

  constructor(school: Y.Doc) {
    this.classes = new Map(classes.all(school));
    this.groups = new Map(groups.all(school));
    const subjectList = subjects.all(school);
    for (const [id, s] of subjectList) this.subjectNames.set(id, s.name);
    const staffList = staff.all(school);
    for (const [id, s] of staffList) this.staffNames.set(id, s);
    this.classIndex = index(classes.all(school), (id, c) => [id, c.name]);
    this.subjectIndex = index(subjectList, (id, s) => [id, s.name]);
    this.staffIndex = index(staffList, (id, s) => [id, s.name, s.short]);
  }

  resolveClass(text: string): Resolved<ClassId> {
    const ids = this.classIndex.get(nameKey(text)) ?? [];
    if (ids.length === 1) return found(ids[0] as ClassId);
    return missing(ids.length === 0 ? `неизвестный класс «${text}»` : `класс «${text}» неоднозначен`);
  }

  resolveSubject(text: string): Resolved<SubjectId> {
    const ids = this.subjectIndex.get(nameKey(text)) ?? [];
    if (ids.length === 1) return found(ids[0] as SubjectId);
    return missing(ids.length === 0 ? `неизвестный предмет «${text}»` : `предмет «${text}» неоднозначен`);
  }

  resolveTeacher(text: string): Resolved<UserId> {
    const ids = this.staffIndex.get(nameKey(text)) ?? [];
    if (ids.length === 1) return found(ids[0] as UserId);
    if (ids.length === 0) return missing(`неизвестный учитель «${text}» (его нет среди сотрудников)`);
    return missing(`учитель «${text}» неоднозначен: так записаны несколько сотрудников (${ids.length}) — укажите ФИО полностью`);
  }

  /** A group of the class for the subject, by name or code; an empty cell is the whole class. */
  resolveGroup(classId: ClassId, subjectId: SubjectId, text: string): Resolved<GroupId> {
    const key = nameKey(text);
    if (WHOLE_CLASS_WORDS.has(key)) return found(WHOLE_CLASS);
    const matches = [...this.groups].filter(
      ([id, g]) => g.classId === classId && g.subjectId === subjectId && (nameKey(id) === key || nameKey(g.name) === key),
    );
    if (matches.length === 1) return found(matches[0][0] as GroupId);
    return missing(`в ${this.className(classId)} нет группы «${text}» по предмету «${this.subjectName(subjectId)}»`);
  }

  className(id: string): string {
    return this.classes.get(id)?.name ?? id;
  }

  subjectName(id: string): string {
    return this.subjectNames.get(id) ?? id;
  }

  teacherName(id: string): string {
    return this.staffNames.get(id)?.name ?? id;
  }

  teacherShort(id: string): string {
    return this.staffNames.get(id)?.short ?? id;
  }

  /** A group's name as a cell writes it: '' for the whole class. */
  groupName(id: string): string {
    return id === WHOLE_CLASS ? '' : (this.groups.get(id)?.name ?? id);
  }

  /** Classes in the order people list them: by grade, then name. */
  sortedClassIds(): ClassId[] {
    return [...this.classes]
      .sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'))
      .map(([id]) => id as ClassId);
  }
}
