import type * as Y from 'yjs';
import { sameJson } from '../doc/flat-map.ts';
import { isValidId, type ClassId, type SubjectId, type UserId } from '../ids.ts';
import { classes, groups, type Group, type SchoolClass } from '../school/staff.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import { nameKey, readWhole } from './import-cells.ts';
import { newClassId, newGroupId } from './import-ids.ts';
import { CLASS_NAME_MAX, GROUP_NAME_MAX, gradeInName, idsEverUsed } from '../school/class-checks.ts';
import { SchoolRefs } from './import-refs.ts';
import { ImportIssues, type ImportOutcome, type PreviewRow } from './import-report.ts';
import { FirstRows, previewOf, readImportTable, type TableRow } from './import-table.ts';

export interface ClassesPlan {
  classes: Array<{ row: number; id: ClassId; record: SchoolClass; isNew: boolean }>;
  groups: Array<{ row: number; id: string; record: Group }>;
}

/**
 * IMP-10: classes and groups, one row each: a row without subject and group is a class (name,
 * grade 1–11 agreeing with the number its name starts with, class teacher from the staff); a
 * row with them is a group of a class of the file or of the school (the code optional: else
 * «класс-предмет-N»). An existing class keeps its grade (a change is refused: the journal is
 * of that grade) and may get another class teacher; a class teacher cell left empty removes
 * the class teacher, a file without that column keeps them. A group code held by a group of
 * another class or subject is refused.
 */
export function planClassesImport(raw: readonly (readonly string[])[], school: Y.Doc): ImportOutcome<ClassesPlan> {
  const issues = new ImportIssues();
  const plan: ClassesPlan = { classes: [], groups: [] };
  const table = readImportTable(raw, IMPORT_COLUMNS.classes, issues);
  if (!table) return issues.outcome(0, [], plan);
  const refs = new SchoolRefs(school);
  const first = new FirstRows(issues);
  const preview: PreviewRow[] = [];
  // SETUP-3: an id a removed class or group had is not given again.
  const classIds = idsEverUsed(school, 'classes');
  const groupIds = idsEverUsed(school, 'groups');
  /** Classes of the file, by name key. */
  const fileClasses = new Map<string, { id: ClassId; record: SchoolClass }>();
  const isGroupRow = (r: TableRow) => r.cells.subject !== '' || r.cells.group !== '';

  for (const r of table.rows.filter((x) => !isGroupRow(x))) {
    const { class: name, grade: gradeText, classTeacher } = r.cells;
    const existing = refs.resolveClass(name);
    if (name.length > CLASS_NAME_MAX) issues.error(r.row, `название класса «${name}» длиннее ${CLASS_NAME_MAX} знаков`, 'class');
    first.claim(`class:${nameKey(name)}`, r.row, `класс «${name}»`);
    const old = existing.ok ? refs.classes.get(existing.id)! : null;
    let grade = old?.grade ?? 0;
    if (gradeText !== '' || !old) {
      const g = readWhole(gradeText, 'параллель', 1, 11);
      if (!g.ok) issues.error(r.row, gradeText === '' ? `для нового класса «${name}» укажите параллель` : g.problem, 'grade');
      else if (old && g.value !== old.grade) {
        issues.error(r.row, `класс ${old.name} уже есть в параллели ${old.grade}: параллель класса импорт не меняет`, 'grade');
      } else grade = g.value;
    }
    const inName = gradeInName(name);
    if (grade > 0 && inName !== null && inName !== grade)
      issues.error(r.row, `класс «${name}» не может быть в параллели ${grade}`, 'grade');
    let teacher: UserId | null = old?.classTeacherId ?? null;
    if (table.present.has('classTeacher')) {
      const t = classTeacher === '' ? null : refs.resolveTeacher(classTeacher);
      if (t && !t.ok) issues.error(r.row, t.problem, 'classTeacher');
      else teacher = t ? t.id : null;
    }
    if (issues.hasError(r.row)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const id = old ? (existing as { id: ClassId }).id : (newClassId(name, classIds) as ClassId);
    const record: SchoolClass = { name: old?.name ?? name, grade, classTeacherId: teacher };
    fileClasses.set(nameKey(name), { id, record });
    plan.classes.push({ row: r.row, id, record, isNew: !old });
    preview.push(previewOf(r, !old ? 'new' : sameJson(old, record) ? 'same' : 'changed'));
  }

  for (const r of table.rows.filter(isGroupRow)) {
    const { class: className, subject, group: name, code } = r.cells;
    const inFile = fileClasses.get(nameKey(className));
    const existing = inFile ? null : refs.resolveClass(className);
    if (existing && !existing.ok) issues.error(r.row, existing.problem, 'class');
    const classId = inFile?.id ?? (existing?.ok ? existing.id : null);
    const s = subject === '' ? null : refs.resolveSubject(subject);
    if (!s) issues.error(r.row, 'укажите предмет группы', 'subject');
    else if (!s.ok) issues.error(r.row, s.problem, 'subject');
    if (name === '') issues.error(r.row, 'укажите название группы', 'group');
    else if (name.length > GROUP_NAME_MAX) issues.error(r.row, `название группы длиннее ${GROUP_NAME_MAX} знаков`, 'group');
    if (code !== '' && !isValidId(code)) {
      issues.error(r.row, `код группы «${code}»: только латинские буквы, цифры, «-» и «_», до 40 знаков`, 'code');
    }
    if (classId === null || !s?.ok || issues.hasError(r.row)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const subjectId: SubjectId = s.id;
    first.claim(`group:${classId}:${subjectId}:${nameKey(name)}`, r.row, `группа «${name}»`);
    if (code !== '') first.claim(`code:${code}`, r.row, `код группы «${code}»`);
    const sameName = [...refs.groups].find(
      ([, g]) => g.classId === classId && g.subjectId === subjectId && nameKey(g.name) === nameKey(name),
    );
    let id: string;
    if (code !== '') {
      const holder = refs.groups.get(code);
      if (holder && (holder.classId !== classId || holder.subjectId !== subjectId)) {
        issues.error(r.row, `код группы «${code}» занят группой «${holder.name}» класса ${refs.className(holder.classId)}`, 'code');
      }
      if (sameName && sameName[0] !== code)
        issues.error(r.row, `в ${refs.className(classId)} уже есть группа «${name}» с кодом «${sameName[0]}»`, 'code');
      id = code;
      groupIds.add(code);
    } else id = sameName?.[0] ?? newGroupId(classId, subjectId, groupIds);
    if (issues.hasError(r.row)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const record: Group = { classId, subjectId, name };
    const old = refs.groups.get(id);
    plan.groups.push({ row: r.row, id, record });
    preview.push(previewOf(r, !old ? 'new' : sameJson(old, record) ? 'same' : 'changed'));
  }
  preview.sort((a, b) => a.row - b.row);
  return issues.outcome(table.rows.length, preview, plan);
}

/** Writes the plan's classes and groups where they differ from the stored ones. */
export function applyClassesPlan(school: Y.Doc, plan: ClassesPlan): void {
  for (const c of plan.classes) if (!sameJson(classes.get(school, c.id), c.record)) classes.set(school, c.id, c.record);
  for (const g of plan.groups) if (!sameJson(groups.get(school, g.id), g.record)) groups.set(school, g.id, g.record);
}

/** Classes and their groups as a table (IMP-14): each class, then its groups by subject and name. */
export function exportClassesRows(school: Y.Doc): string[][] {
  const refs = new SchoolRefs(school);
  const rows: string[][] = [];
  for (const id of refs.sortedClassIds()) {
    const c = refs.classes.get(id)!;
    rows.push([c.name, String(c.grade), c.classTeacherId ? refs.teacherName(c.classTeacherId) : '', '', '', '']);
    const own = [...refs.groups].filter(([, g]) => g.classId === id);
    own.sort(
      (a, b) =>
        refs.subjectName(a[1].subjectId).localeCompare(refs.subjectName(b[1].subjectId), 'ru') || a[1].name.localeCompare(b[1].name, 'ru'),
    );
    for (const [gid, g] of own) rows.push([c.name, '', '', refs.subjectName(g.subjectId), g.name, gid]);
  }
  return rows;
}
