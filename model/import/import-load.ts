import type * as Y from 'yjs';
import { assignTeacher, allAssignments, type Assignment } from '../school/teaching-load.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import { SchoolRefs } from './import-refs.ts';
import { ImportIssues, type ImportOutcome, type PreviewRow } from './import-report.ts';
import { FirstRows, previewOf, readImportTable } from './import-table.ts';

export interface LoadPlan {
  assignments: Array<Assignment & { row: number }>;
}

const loadKey = (a: Pick<Assignment, 'classId' | 'subjectId' | 'groupId'>) => `${a.classId}:${a.subjectId}:${a.groupId}`;

/**
 * IMP-11: the teaching load, one row per class, subject and group (empty = the whole class)
 * with its teacher (SCH-5); a second row for the same class, subject and group is a duplicate,
 * whatever its teacher. A row for a stored assignment with another teacher changes the
 * teacher; assignments the file does not name stay.
 */
export function planLoadImport(raw: readonly (readonly string[])[], school: Y.Doc): ImportOutcome<LoadPlan> {
  const issues = new ImportIssues();
  const plan: LoadPlan = { assignments: [] };
  const table = readImportTable(raw, IMPORT_COLUMNS.load, issues);
  if (!table) return issues.outcome(0, [], plan);
  const refs = new SchoolRefs(school);
  const stored = new Map(allAssignments(school).map((a) => [loadKey(a), a.teacherId]));
  const first = new FirstRows(issues);
  const preview: PreviewRow[] = [];
  for (const r of table.rows) {
    const c = refs.resolveClass(r.cells.class);
    if (!c.ok) issues.error(r.row, c.problem, 'class');
    const s = refs.resolveSubject(r.cells.subject);
    if (!s.ok) issues.error(r.row, s.problem, 'subject');
    const t = refs.resolveTeacher(r.cells.teacher);
    if (!t.ok) issues.error(r.row, t.problem, 'teacher');
    const g = c.ok && s.ok ? refs.resolveGroup(c.id, s.id, r.cells.group) : null;
    if (g && !g.ok) issues.error(r.row, g.problem, 'group');
    if (!c.ok || !s.ok || !t.ok || !g?.ok) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const a = { row: r.row, classId: c.id, subjectId: s.id, groupId: g.id, teacherId: t.id };
    const where = `${refs.className(c.id)}, «${refs.subjectName(s.id)}»${g.id === 'all' ? '' : `, ${refs.groupName(g.id)}`}`;
    if (!first.claim(loadKey(a), r.row, `нагрузка ${where}`)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const old = stored.get(loadKey(a));
    plan.assignments.push(a);
    preview.push(previewOf(r, old === undefined ? 'new' : old === a.teacherId ? 'same' : 'changed'));
  }
  return issues.outcome(table.rows.length, preview, plan);
}

/** Assigns the plan's teachers where they differ from the stored load. */
export function applyLoadPlan(school: Y.Doc, plan: LoadPlan): void {
  const stored = new Map(allAssignments(school).map((a) => [loadKey(a), a.teacherId]));
  for (const { row: _row, ...a } of plan.assignments) if (stored.get(loadKey(a)) !== a.teacherId) assignTeacher(school, a);
}

/** The teaching load as a table (IMP-14), by class, subject and group. */
export function exportLoadRows(school: Y.Doc): string[][] {
  const refs = new SchoolRefs(school);
  const order = new Map(refs.sortedClassIds().map((id, i) => [id as string, i]));
  return allAssignments(school)
    .filter((a) => order.has(a.classId))
    .map((a) => ({ a, subject: refs.subjectName(a.subjectId), group: refs.groupName(a.groupId) }))
    .sort(
      (x, y) =>
        order.get(x.a.classId)! - order.get(y.a.classId)! ||
        x.subject.localeCompare(y.subject, 'ru') ||
        x.group.localeCompare(y.group, 'ru'),
    )
    .map(({ a, subject, group }) => [refs.className(a.classId), subject, group, refs.teacherName(a.teacherId)]);
}
