import type * as Y from 'yjs';
import { personNameProblem, sentences, shortNameProblem } from '../names.ts';
import { ktpItems } from './ktp.ts';
import { classes, type StaffMember } from './staff.ts';
import { substitutions } from './substitution.ts';
import { allAssignments } from './teaching-load.ts';
import { timetableEntries } from './timetable.ts';

/** The longest full or short name of a staff member. */
const STAFF_NAME_MAX = 120;

/**
 * SETUP-30: a staff member has a full name and a short name («Иванова М. П.»), each at most 120
 * characters; the full name is a person's name as the import reads it (STU-11), the short one
 * words of letters and initials, neither with a hidden character.
 */
export function staffRecordProblems(_doc: Y.Doc, _key: string, s: StaffMember): string[] {
  const out: string[] = [];
  if (!s.name.trim()) out.push('Укажите ФИО сотрудника.');
  if (!s.short.trim()) out.push('Укажите краткое имя сотрудника (фамилия и инициалы).');
  if (s.name.length > STAFF_NAME_MAX || s.short.length > STAFF_NAME_MAX) out.push(`ФИО — не длиннее ${STAFF_NAME_MAX} знаков.`);
  if (out.length) return out;
  return sentences(personNameProblem(s.name, 'ФИО сотрудника'), shortNameProblem(s.short, 'Краткое имя сотрудника', STAFF_NAME_MAX));
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
