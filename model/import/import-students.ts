import type * as Y from 'yjs';
import type { ClassId, GroupId, IsoDate, StudentId } from '../ids.ts';
import { newStudentId, putStudent, type Student } from '../journal/student.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import { formatRuDate, isPersonName, nameKey, readDate, splitList } from './import-cells.ts';
import { SchoolRefs } from './import-refs.ts';
import { ImportIssues, type ImportOutcome, type PreviewRow, type PreviewStatus } from './import-report.ts';
import { previewOf, readImportTable, type TableRow } from './import-table.ts';
import { mergePersonal, personalKey, readParentContact, type ParentContact, type StudentPersonal } from './student-personal.ts';

export interface StudentsImportContext {
  /** Every class journal's roster (STU-3), by class id. */
  rosters: ReadonlyMap<string, readonly Student[]>;
  /** The server's personal records, by `personalKey(classId, studentId)`. */
  personal: ReadonlyMap<string, StudentPersonal>;
  random?: () => number;
}

export interface StudentsPlan {
  /** New students, for their class's journal (roster fields only). */
  students: Array<{ classId: ClassId; student: Student }>;
  /** Personal records to store (new, or with a parent or a birth date added). */
  personal: StudentPersonal[];
}

/** A student as the file describes them, gathered from one or more rows (one per parent). */
interface FileStudent {
  rows: TableRow[];
  classId: ClassId;
  name: string;
  birthDate: IsoDate | null;
  fields: Pick<Student, 'groups' | 'enrolledOn' | 'leftOn'>;
  parents: Array<ParentContact & { row: number }>;
}

const sameGroups = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((g) => b.includes(g));

/** What differs between a stored student and the file's, in words («дата зачисления 09.11.2026»). */
function differences(s: Pick<Student, 'groups' | 'enrolledOn' | 'leftOn'>, f: FileStudent['fields'], refs: SchoolRefs): string[] {
  const date = (d: string | null) => (d ? formatRuDate(d) : 'не указана');
  const out: string[] = [];
  if (s.enrolledOn !== f.enrolledOn) out.push(`дата зачисления ${date(s.enrolledOn)}, в файле ${date(f.enrolledOn)}`);
  if (s.leftOn !== f.leftOn) out.push(`дата выбытия ${date(s.leftOn)}, в файле ${date(f.leftOn)}`);
  if (!sameGroups(s.groups, f.groups)) out.push(`группы «${s.groups.map((g) => refs.groupName(g)).join('; ') || 'нет'}»`);
  return out;
}

/**
 * IMP-9: students with their parents, one row per student and parent (a second parent is a
 * second row with the same class and ФИО). Class, ФИО, dates that exist (birth before the year,
 * arrival and departure inside it, departure after arrival), groups of that class, at most one
 * per subject; a phone or e-mail needs the parent's ФИО. A student already on the class's roster
 * with the same data is left as is (new parents' contacts are added), with other data it is an
 * error «ученик «Иванов Иван» уже есть в 5Б»: imports never overwrite the roster. The journal
 * gets only the roster fields; birth date and parents go to the server's own table.
 */
export function planStudentsImport(
  raw: readonly (readonly string[])[],
  school: Y.Doc,
  ctx: StudentsImportContext,
): ImportOutcome<StudentsPlan> {
  const issues = new ImportIssues();
  const plan: StudentsPlan = { students: [], personal: [] };
  const table = readImportTable(raw, IMPORT_COLUMNS.students, issues);
  if (!table) return issues.outcome(0, [], plan);
  const refs = new SchoolRefs(school);
  const meta = readSchoolMeta(school);
  const status = new Map<number, PreviewStatus>();
  const byKey = new Map<string, FileStudent[]>();

  for (const r of table.rows) {
    const c = refs.resolveClass(r.cells.class);
    if (!c.ok) issues.error(r.row, c.problem, 'class');
    const name = r.cells.name;
    if (!isPersonName(name)) issues.error(r.row, `ФИО ученика «${name}» — укажите фамилию и имя`, 'name');
    const date = (key: 'birthDate' | 'enrolledOn' | 'leftOn'): IsoDate | null => {
      if (r.cells[key] === '') return null;
      const d = readDate(r.cells[key]);
      if (!d.ok) issues.error(r.row, d.problem, key);
      return d.ok ? d.value : null;
    };
    const birthDate = date('birthDate');
    const enrolledOn = date('enrolledOn');
    const leftOn = date('leftOn');
    if (meta) {
      const year = `${formatRuDate(meta.startsOn)}–${formatRuDate(meta.endsOn)}`;
      if (birthDate && birthDate >= meta.startsOn)
        issues.error(r.row, `дата рождения ${formatRuDate(birthDate)} не раньше начала учебного года`, 'birthDate');
      for (const [key, d, what] of [
        ['enrolledOn', enrolledOn, 'зачисления'],
        ['leftOn', leftOn, 'выбытия'],
      ] as const) {
        if (d && (d < meta.startsOn || d > meta.endsOn))
          issues.error(r.row, `дата ${what} ${formatRuDate(d)} вне учебного года ${year}`, key);
      }
    }
    if (enrolledOn && leftOn && leftOn <= enrolledOn) issues.error(r.row, 'дата выбытия должна быть позже даты зачисления', 'leftOn');
    const groups = c.ok ? readGroups(r, c.id, refs, issues) : [];
    const parent = readParent(r, issues);
    if (!c.ok || issues.hasError(r.row)) continue;

    const key = `${c.id}:${nameKey(name)}`;
    const fields = { groups, enrolledOn, leftOn };
    const same = (byKey.get(key) ?? []).find((f) => f.birthDate === null || birthDate === null || f.birthDate === birthDate);
    if (!same) {
      byKey.set(key, [
        ...(byKey.get(key) ?? []),
        { rows: [r], classId: c.id, name, birthDate, fields, parents: parent ? [{ ...parent, row: r.row }] : [] },
      ]);
      continue;
    }
    const diff = differences(same.fields, fields, refs);
    if (diff.length > 0) {
      issues.error(r.row, `ученик «${name}» описан в строке ${same.rows[0].row} иначе: ${diff.join('; ')}`);
      continue;
    }
    const twice = parent ? same.parents.find((p) => nameKey(p.name) === nameKey(parent.name)) : undefined;
    if (!parent) issues.error(r.row, `строка ученика «${name}» повторяет строку ${same.rows[0].row}`);
    else if (twice) issues.error(r.row, `родитель «${parent.name}» ученика «${name}» повторяет строку ${twice.row}`, 'parentName');
    else {
      same.parents.push({ ...parent, row: r.row });
      same.birthDate ??= birthDate;
      same.rows.push(r);
    }
  }

  const taken = new Set<string>();
  for (const roster of ctx.rosters.values()) for (const s of roster) taken.add(s.id);
  for (const f of [...byKey.values()].flat()) {
    if (f.rows.some((r) => issues.hasError(r.row))) continue;
    const roster = ctx.rosters.get(f.classId) ?? [];
    const namesakes = roster.filter((s) => nameKey(s.name) === nameKey(f.name));
    const dob = (s: Student) => ctx.personal.get(personalKey(f.classId, s.id))?.birthDate ?? null;
    const candidates = namesakes.filter((s) => f.birthDate === null || dob(s) === null || dob(s) === f.birthDate);
    const parents = f.parents.map(({ name, phone, email }) => ({ name, phone, email }));
    if (candidates.length > 0) {
      const match = candidates.find((s) => differences(s, f.fields, refs).length === 0);
      if (!match) {
        const diff = differences(candidates[0], f.fields, refs);
        issues.error(f.rows[0].row, `ученик «${f.name}» уже есть в ${refs.className(f.classId)} (${diff.join('; ')})`, 'name');
        continue;
      }
      const next = { classId: f.classId, studentId: match.id, birthDate: f.birthDate, parents };
      const merged = mergePersonal(ctx.personal.get(personalKey(f.classId, match.id)), next);
      if (merged) plan.personal.push(merged);
      for (const r of f.rows) status.set(r.row, merged ? 'changed' : 'same');
      continue;
    }
    if (namesakes.length > 0) {
      issues.warn(
        f.rows[0].row,
        `в ${refs.className(f.classId)} уже есть ученик «${f.name}» с другой датой рождения: будет добавлен ещё один`,
      );
    }
    let id: string;
    do id = newStudentId(ctx.random);
    while (taken.has(id));
    taken.add(id);
    const student: Student = { id: id as StudentId, name: f.name, ...f.fields };
    plan.students.push({ classId: f.classId, student });
    if (f.birthDate !== null || parents.length > 0)
      plan.personal.push({ classId: f.classId, studentId: id, birthDate: f.birthDate, parents });
    for (const r of f.rows) status.set(r.row, 'new');
  }
  const preview: PreviewRow[] = table.rows.map((r) => previewOf(r, status.get(r.row) ?? 'error'));
  return issues.outcome(table.rows.length, preview, plan);
}

/** The groups cell: names or codes of the class's groups, «;»-separated (codes may also be «,»-separated). */
function readGroups(r: TableRow, classId: ClassId, refs: SchoolRefs, issues: ImportIssues): GroupId[] {
  const own = [...refs.groups].filter(([, g]) => g.classId === classId);
  const find = (text: string) => own.filter(([id, g]) => nameKey(id) === nameKey(text) || nameKey(g.name) === nameKey(text));
  const out: GroupId[] = [];
  for (const piece of splitList(r.cells.groups)) {
    let found = find(piece);
    if (found.length !== 1 && piece.includes(',')) {
      const codes = piece.split(',').map((p) => find(p.trim()));
      if (codes.every((m) => m.length === 1)) found = codes.map((m) => m[0]);
    }
    if (found.length === 0) issues.error(r.row, `в ${refs.className(classId)} нет группы «${piece}»`, 'groups');
    for (const [id, g] of found) {
      const other = out.find((o) => refs.groups.get(o)?.subjectId === g.subjectId);
      if (other)
        issues.error(
          r.row,
          `две группы по предмету «${refs.subjectName(g.subjectId)}»: «${refs.groupName(other)}» и «${g.name}»`,
          'groups',
        );
      else out.push(id as GroupId);
    }
  }
  return out.sort();
}

/** The parent of a row, or null without one; contacts need the parent's name. */
function readParent(r: TableRow, issues: ImportIssues): ParentContact | null {
  const { parentName: name, phone: phoneText, email: emailText } = r.cells;
  if (name === '') {
    if (phoneText !== '' || emailText !== '') issues.error(r.row, 'укажите ФИО родителя, чьи телефон и e-mail записаны', 'parentName');
    return null;
  }
  const { parent, problems } = readParentContact(name, phoneText, emailText);
  for (const p of problems) issues.error(r.row, p.problem, p.field);
  return parent;
}

/** Adds the plan's new students of one class to its journal (roster fields only: STU-*). */
export function applyStudentsToJournal(journal: Y.Doc, students: readonly Student[]): void {
  for (const s of students) putStudent(journal, s);
}

/** Students and parents as a table (IMP-14): by class, roster order, one row per parent; `personal` by `personalKey`. */
export function exportStudentsRows(
  school: Y.Doc,
  rosters: ReadonlyMap<string, readonly Student[]>,
  personal: ReadonlyMap<string, StudentPersonal>,
): string[][] {
  const refs = new SchoolRefs(school);
  const rows: string[][] = [];
  const date = (d: string | null) => (d ? formatRuDate(d) : '');
  for (const classId of refs.sortedClassIds()) {
    for (const s of rosters.get(classId) ?? []) {
      const p = personal.get(personalKey(classId, s.id));
      const groups = s.groups.map((g) => refs.groupName(g)).join('; ');
      const base = [refs.className(classId), s.name, date(p?.birthDate ?? null), date(s.enrolledOn), date(s.leftOn), groups];
      const parents = p?.parents.length ? p.parents : [{ name: '', phone: '', email: '' }];
      for (const parent of parents) rows.push([...base, parent.name, parent.phone, parent.email]);
    }
  }
  return rows;
}
