import type * as Y from 'yjs';
import { splitKey } from '../doc/flat-map.ts';
import { isValidId, WHOLE_CLASS, type ClassId, type SubjectId, type UserId } from '../ids.ts';
import { classes, groups, staff } from './staff.ts';
import { subjects } from './subject.ts';
import { allAssignments, type LoadEntry } from './teaching-load.ts';

/** «3», «1,5»: hours as the curriculum writes them. */
const hoursText = (h: number) => String(h).replace('.', ',');

/** YEAR-4: a subject's curriculum hours per week in a grade; undefined when none are set. */
function weeklyHours(doc: Y.Doc, subjectId: string, grade: number): number | undefined {
  return subjects.get(doc, subjectId)?.hours?.[String(grade)];
}

/**
 * SETUP-7: a load entry `classId:subjectId:groupId` names, in that form, a class and a subject
 * that exist, the whole class (`all`) or a group of that class for that subject, and a teacher
 * who is a staff member (SCH-5).
 */
export function loadRecordProblems(doc: Y.Doc, key: string, v: LoadEntry): string[] {
  const parts = splitKey(key);
  if (parts.length !== 3 || !parts.every(isValidId)) return [`Неверный ключ нагрузки «${key}»: нужен «класс:предмет:группа».`];
  const [classId, subjectId, groupId] = parts;
  const out: string[] = [];
  const c = classes.get(doc, classId);
  if (!c) out.push(`Нет класса «${classId}».`);
  if (!subjects.get(doc, subjectId)) out.push(`Нет предмета «${subjectId}».`);
  if (groupId !== WHOLE_CLASS) {
    const g = groups.get(doc, groupId);
    if (!g || g.classId !== classId || g.subjectId !== subjectId) {
      out.push(`Группа «${g?.name ?? groupId}» — не группа ${c ? `класса ${c.name}` : 'этого класса'} по этому предмету.`);
    }
  }
  if (!staff.get(doc, v.teacherId)) out.push('Учитель — не сотрудник школы.');
  return out;
}

/**
 * SETUP-8: the subjects of a class's load: those with curriculum hours for its grade and those
 * its load already names, by name.
 */
export function classLoadSubjects(doc: Y.Doc, classId: string): SubjectId[] {
  const grade = classes.get(doc, classId)?.grade ?? 0;
  const named = new Set(
    allAssignments(doc)
      .filter((a) => a.classId === classId)
      .map((a) => a.subjectId as string),
  );
  return subjects
    .all(doc)
    .filter(([id]) => named.has(id) || (weeklyHours(doc, id, grade) ?? 0) > 0)
    .sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru'))
    .map(([id]) => id as SubjectId);
}

export interface TeacherWeek {
  teacherId: UserId;
  /** Curriculum hours per week over the teacher's entries (a group has its subject's hours). */
  hours: number;
  /** Entries of the load (class, subject, group) the teacher has. */
  entries: number;
  /** Of those, entries whose subject has no curriculum hours for the class's grade. */
  withoutHours: number;
}

/**
 * SETUP-8: each teacher's week: the sum of `hours[grade]` of the subject over their load
 * entries (each group is taught the subject's hours), by teacher id.
 */
export function teacherWeekHours(doc: Y.Doc): TeacherWeek[] {
  const weeks = new Map<string, TeacherWeek>();
  for (const a of allAssignments(doc)) {
    const grade = classes.get(doc, a.classId)?.grade;
    const h = grade === undefined ? undefined : weeklyHours(doc, a.subjectId, grade);
    const w = weeks.get(a.teacherId) ?? { teacherId: a.teacherId, hours: 0, entries: 0, withoutHours: 0 };
    w.entries++;
    if (h === undefined || h === 0) w.withoutHours++;
    else w.hours += h;
    weeks.set(a.teacherId, w);
  }
  return [...weeks.values()];
}

/**
 * SETUP-9: a warning, never a refusal: a subject with curriculum hours for the class's grade
 * that nobody teaches, to the whole class or to each of its groups of that subject.
 */
export function classLoadWarnings(doc: Y.Doc, classId: ClassId | string): string[] {
  const c = classes.get(doc, classId);
  if (!c) return [];
  const load = allAssignments(doc).filter((a) => a.classId === classId);
  const out: string[] = [];
  for (const [subjectId, s] of subjects.all(doc).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru'))) {
    const h = weeklyHours(doc, subjectId, c.grade) ?? 0;
    if (h <= 0) continue;
    const taught = new Set(load.filter((a) => a.subjectId === subjectId).map((a) => a.groupId as string));
    if (taught.has(WHOLE_CLASS)) continue;
    const own = groups.all(doc).filter(([, g]) => g.classId === classId && g.subjectId === subjectId);
    const untaught = own
      .filter(([id]) => !taught.has(id))
      .map(([, g]) => g.name)
      .sort((x, y) => x.localeCompare(y, 'ru'))
      .map((n) => `«${n}»`);
    if (taught.size === 0) out.push(`«${s.name}» (${hoursText(h)} ч в неделю по учебному плану): учитель не назначен.`);
    else if (untaught.length) out.push(`«${s.name}»: нет учителя у ${untaught.length > 1 ? 'групп' : 'группы'} ${untaught.join(', ')}.`);
  }
  return out;
}
