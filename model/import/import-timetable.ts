import type * as Y from 'yjs';
import { sameJson } from '../doc/flat-map.ts';
import { bells } from '../school/bells.ts';
import { ROOM_MAX_LENGTH } from '../school/room.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { timetableClashes } from '../school/timetable-checks.ts';
import { removeTimetableEntry, setTimetableEntry, timetableEntries, type TimetableEntry } from '../school/timetable.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import { readWeekday, readWhole, WEEKDAY_NAMES } from './import-cells.ts';
import { SchoolRefs } from './import-refs.ts';
import { ImportIssues, type ImportOutcome, type PreviewRow } from './import-report.ts';
import { FirstRows, previewOf, readImportTable } from './import-table.ts';

export interface TimetablePlan {
  entries: Array<TimetableEntry & { row: number }>;
  /** Stored entries of the file's classes that the file does not have. */
  removals: TimetableEntry[];
}

const entryKey = (e: Pick<TimetableEntry, 'classId' | 'weekday' | 'slot' | 'subjectId' | 'groupId'>) =>
  `${e.classId}:${e.weekday}:${e.slot}:${e.subjectId}:${e.groupId}`;

/**
 * IMP-12: the weekly timetable (SCH-6) of the classes the file names, replacing theirs whole
 * (their entries missing from the file are removed, with a warning); other classes keep theirs.
 * A weekday Пн–Сб, a lesson number of the bell schedule, a known class, subject, group and
 * teacher (an empty teacher is the load's for that class, subject and group). Refused: the
 * same lesson twice, a whole-class lesson and another in one class's slot, a teacher in two
 * lessons at once (the file's or another class's stored ones). A teacher the load does not
 * name for the lesson is a warning: the journal's rights follow the load (ACC-1).
 */
export function planTimetableImport(raw: readonly (readonly string[])[], school: Y.Doc): ImportOutcome<TimetablePlan> {
  const issues = new ImportIssues();
  const plan: TimetablePlan = { entries: [], removals: [] };
  const table = readImportTable(raw, IMPORT_COLUMNS.timetable, issues);
  if (!table) return issues.outcome(0, [], plan);
  const refs = new SchoolRefs(school);
  const load = new Map(allAssignments(school).map((a) => [`${a.classId}:${a.subjectId}:${a.groupId}`, a.teacherId]));
  const slots = new Set(bells.all(school).map(([k]) => Number(k)));
  const first = new FirstRows(issues);
  const preview: PreviewRow[] = [];
  const parsed: Array<TimetableEntry & { row: number }> = [];

  for (const r of table.rows) {
    const c = refs.resolveClass(r.cells.class);
    if (!c.ok) issues.error(r.row, c.problem, 'class');
    const day = readWeekday(r.cells.weekday);
    if (!day.ok) issues.error(r.row, day.problem, 'weekday');
    const slot = readWhole(r.cells.slot, 'номер урока', 0, 20);
    if (!slot.ok) issues.error(r.row, slot.problem, 'slot');
    else if (slots.size > 0 && !slots.has(slot.value)) issues.error(r.row, `урока № ${slot.value} нет в расписании звонков`, 'slot');
    const s = refs.resolveSubject(r.cells.subject);
    if (!s.ok) issues.error(r.row, s.problem, 'subject');
    const g = c.ok && s.ok ? refs.resolveGroup(c.id, s.id, r.cells.group) : null;
    if (g && !g.ok) issues.error(r.row, g.problem, 'group');
    if (r.cells.room.length > ROOM_MAX_LENGTH) issues.error(r.row, `кабинет «${r.cells.room}» длиннее ${ROOM_MAX_LENGTH} знаков`, 'room');
    let teacherId = null as TimetableEntry['teacherId'] | null;
    if (r.cells.teacher !== '') {
      const t = refs.resolveTeacher(r.cells.teacher);
      if (!t.ok) issues.error(r.row, t.problem, 'teacher');
      else teacherId = t.id;
    } else if (c.ok && s.ok && g?.ok) {
      teacherId = load.get(`${c.id}:${s.id}:${g.id}`) ?? null;
      if (!teacherId)
        issues.error(r.row, `укажите учителя: в нагрузке ${refs.className(c.id)} по «${refs.subjectName(s.id)}» его нет`, 'teacher');
    }
    if (!c.ok || !day.ok || !slot.ok || !s.ok || !g?.ok || !teacherId || issues.hasError(r.row)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const e = {
      row: r.row,
      classId: c.id,
      weekday: day.value,
      slot: slot.value,
      subjectId: s.id,
      groupId: g.id,
      teacherId,
      room: r.cells.room,
    };
    const when = `${WEEKDAY_NAMES[e.weekday]}, ${e.slot}-й урок`;
    if (!first.claim(entryKey(e), r.row, `урок ${refs.className(e.classId)} «${refs.subjectName(e.subjectId)}» (${when})`)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const planned = load.get(`${e.classId}:${e.subjectId}:${e.groupId}`);
    if (planned !== e.teacherId) {
      const what = planned ? `по нагрузке ведёт ${refs.teacherShort(planned)}` : 'нагрузка не назначена';
      issues.warn(
        r.row,
        `${refs.className(e.classId)}, «${refs.subjectName(e.subjectId)}»: ${what} — журнал открыт учителю по нагрузке`,
        'teacher',
      );
    }
    parsed.push(e);
  }

  // Clashes (SETUP-14, SETUP-15), against the file's earlier lessons and the stored lessons of classes the file keeps.
  const fileClasses = new Set(parsed.map((e) => e.classId as string));
  const bySlot = new Map<string, Array<TimetableEntry & { row?: number }>>();
  const atSlot = (e: TimetableEntry) => {
    const k = `${e.weekday}:${e.slot}`;
    if (!bySlot.has(k)) bySlot.set(k, []);
    return bySlot.get(k)!;
  };
  for (const e of timetableEntries(school)) if (!fileClasses.has(e.classId)) atSlot(e).push(e);
  for (const e of parsed) {
    const when = `${WEEKDAY_NAMES[e.weekday]} на ${e.slot}-м уроке`;
    const { inClass, teacher, room } = timetableClashes(e, atSlot(e));
    if (inClass) {
      const at = inClass.row ? ` (строка ${inClass.row})` : '';
      issues.error(e.row, `у ${refs.className(e.classId)} ${when} уже стоит «${refs.subjectName(inClass.subjectId)}»${at}`, 'slot');
    }
    if (teacher) {
      const at = teacher.row ? `строка ${teacher.row}` : 'уже в расписании';
      const where = `${refs.className(teacher.classId)}, «${refs.subjectName(teacher.subjectId)}»`;
      issues.error(e.row, `учитель ${refs.teacherShort(e.teacherId)} ${when} уже ведёт урок: ${where} (${at})`, 'teacher');
    }
    // SETUP-16 refuses a shared room on the page; an import keeps the school's own data and warns.
    if (room && !inClass && !teacher) {
      const at = room.row ? `строка ${room.row}` : 'уже в расписании';
      const where = `${refs.className(room.classId)}, «${refs.subjectName(room.subjectId)}»`;
      issues.warn(
        e.row,
        `кабинет «${e.room.trim()}» ${when} уже занят: ${where} (${at}); такой урок не сохранится при правке в «Учебном году»`,
        'room',
      );
    }
    atSlot(e).push(e);
  }

  const stored = new Map(timetableEntries(school).map((e) => [entryKey(e), e]));
  const inFile = new Set(parsed.map(entryKey));
  for (const e of parsed) {
    const old = stored.get(entryKey(e));
    const r = table.rows.find((x) => x.row === e.row)!;
    preview.push(previewOf(r, !old ? 'new' : old.teacherId === e.teacherId && old.room === e.room ? 'same' : 'changed'));
  }
  plan.entries = parsed;
  plan.removals = [...stored.values()].filter((e) => fileClasses.has(e.classId) && !inFile.has(entryKey(e)));
  const removedBy = new Map<string, number>();
  for (const e of plan.removals) removedBy.set(e.classId, (removedBy.get(e.classId) ?? 0) + 1);
  for (const [classId, n] of removedBy)
    issues.warn(0, `Из расписания ${refs.className(classId)} будут удалены уроки, которых нет в файле: ${n}`);
  preview.sort((a, b) => a.row - b.row);
  return issues.outcome(table.rows.length, preview, plan);
}

/** Writes the plan: removals first, then every entry that differs from the stored one. */
export function applyTimetablePlan(school: Y.Doc, plan: TimetablePlan): void {
  const stored = new Map(timetableEntries(school).map((e) => [entryKey(e), e]));
  for (const e of plan.removals) removeTimetableEntry(school, e);
  for (const { row: _row, ...e } of plan.entries) if (!sameJson(stored.get(entryKey(e)), e)) setTimetableEntry(school, e);
}

/** The weekly timetable as a table (IMP-14), by class, day, lesson, subject and group. */
export function exportTimetableRows(school: Y.Doc): string[][] {
  const refs = new SchoolRefs(school);
  const order = new Map(refs.sortedClassIds().map((id, i) => [id as string, i]));
  return timetableEntries(school)
    .filter((e) => order.has(e.classId))
    .map((e) => ({ e, subject: refs.subjectName(e.subjectId), group: refs.groupName(e.groupId) }))
    .sort(
      (x, y) =>
        order.get(x.e.classId)! - order.get(y.e.classId)! ||
        x.e.weekday - y.e.weekday ||
        x.e.slot - y.e.slot ||
        x.subject.localeCompare(y.subject, 'ru') ||
        x.group.localeCompare(y.group, 'ru'),
    )
    .map(({ e, subject, group }) => [
      refs.className(e.classId),
      WEEKDAY_NAMES[e.weekday] ?? String(e.weekday),
      String(e.slot),
      subject,
      group,
      refs.teacherName(e.teacherId),
      e.room,
    ]);
}
