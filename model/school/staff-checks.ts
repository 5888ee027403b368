import type * as Y from 'yjs';
import { ktpItems } from './ktp.ts';
import { classes, type StaffMember } from './staff.ts';
import { substitutions } from './substitution.ts';
import { allAssignments } from './teaching-load.ts';
import { timetableEntries } from './timetable.ts';

/** SETUP-30: a staff member has a full name and a short name («Иванова М. П.»), each at most 120 characters. */
export function staffRecordProblems(_doc: Y.Doc, _key: string, s: StaffMember): string[] {
  const out: string[] = [];
  if (!s.name.trim()) out.push('Укажите ФИО сотрудника.');
  if (!s.short.trim()) out.push('Укажите краткое имя сотрудника (фамилия и инициалы).');
  if (s.name.length > 120 || s.short.length > 120) out.push('ФИО — не длиннее 120 знаков.');
  return out;
}

/**
 * SETUP-31: a staff member leaves the school year only when nothing names them any more: no
 * class has them as class teacher, no load, timetable entry, substitution or КТП is theirs.
 * Answers what still names them.
 */
export function staffRemovalProblems(doc: Y.Doc, userId: string): string[] {
  const uses: string[] = [];
  const led = classes.all(doc).filter(([, c]) => c.classTeacherId === userId);
  if (led.length) uses.push(`классный руководитель ${led.map(([, c]) => c.name).join(', ')}`);
  const load = allAssignments(doc).filter((a) => a.teacherId === userId).length;
  if (load) uses.push(`нагрузка: ${load}`);
  const lessons = timetableEntries(doc).filter((e) => e.teacherId === userId).length;
  if (lessons) uses.push(`уроков в расписании: ${lessons}`);
  const subs = substitutions.all(doc).filter(([, s]) => s.teacherId === userId || s.absentTeacherId === userId).length;
  if (subs) uses.push(`замен: ${subs}`);
  const ktp = ktpItems.all(doc).filter(([, k]) => k.teacherId === userId).length;
  if (ktp) uses.push(`тем КТП: ${ktp}`);
  return uses.length ? [`Сотрудник ещё указан в учебном году (${uses.join('; ')}): сначала передайте это другому.`] : [];
}
