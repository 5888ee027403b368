import type * as Y from 'yjs';
import { weekday } from '../dates.ts';
import { WHOLE_CLASS } from '../ids.ts';
import { joinKey } from '../doc/flat-map.ts';
import { lessonId } from '../journal/lesson.ts';
import { bells } from './bells.ts';
import type { ControlWork } from './control-work.ts';
import { moveKey, type LessonMove } from './lesson-move.ts';
import { formatDay } from './lesson-words.ts';
import { plannedLessonOf } from './register-substitution.ts';
import { isHoliday, readSchoolMeta } from './school-year.ts';
import { classes, groups, staff } from './staff.ts';
import { subjects } from './subject.ts';
import type { Substitution } from './substitution.ts';

const insideYear = (doc: Y.Doc, date: string) => {
  const meta = readSchoolMeta(doc);
  return !meta || (date >= meta.startsOn && date <= meta.endsOn);
};

/** The class, subject and group a record names exist, the group being the class's for that subject. */
function pageProblems(doc: Y.Doc, r: { classId: string; subjectId: string; groupId: string }): string[] {
  const out: string[] = [];
  if (!classes.get(doc, r.classId)) out.push(`Нет класса «${r.classId}».`);
  if (!subjects.get(doc, r.subjectId)) out.push(`Нет предмета «${r.subjectId}».`);
  const g = r.groupId === WHOLE_CLASS ? null : groups.get(doc, r.groupId);
  if (r.groupId !== WHOLE_CLASS && (!g || g.classId !== r.classId || g.subjectId !== r.subjectId)) {
    out.push(`Группа «${r.groupId}» — не группа этого класса по этому предмету.`);
  }
  return out;
}

/** YEAR-6: a planned control work names a class, subject and group that exist, on a date of the school year. */
export function controlWorkRecordProblems(doc: Y.Doc, _key: string, w: ControlWork): string[] {
  const out = w.classId && w.subjectId ? pageProblems(doc, w) : ['Выберите класс и предмет.'];
  if (!insideYear(doc, w.date)) out.push('Дата — вне учебного года.');
  return out;
}

/**
 * YEAR-9 (SUB-3, as far as the record itself tells): a substitution is stored under its
 * lesson's one key, names a lesson of the day plan, a substitute who is a staff member other than
 * the absent teacher. Whether the substitute is free is the deputy's page's advice (SUB-2), not
 * re-judged here: the record being checked already makes them busy.
 */
export function substitutionRecordProblems(doc: Y.Doc, key: string, s: Substitution): string[] {
  const out = pageProblems(doc, s);
  if (key !== joinKey(s.classId, lessonId(s.date, s.slot, s.subjectId, s.groupId))) out.push('Ключ замены не совпадает с её уроком.');
  if (!plannedLessonOf(doc, s)) out.push(`Такого урока ${formatDay(s.date)} в расписании нет.`);
  if (!staff.get(doc, s.teacherId)) out.push('Замещающий — не сотрудник школы.');
  if (s.teacherId === s.absentTeacherId) out.push('Учитель не может заменять свой собственный урок.');
  return out;
}

/** YEAR-9 (MOVE-3, as far as the record itself tells): a move is stored under its lesson's key and goes to a school day of the year and a bell slot. */
export function moveRecordProblems(doc: Y.Doc, key: string, m: LessonMove): string[] {
  const out = pageProblems(doc, m);
  if (key !== moveKey(m)) out.push('Ключ переноса не совпадает с переносимым уроком.');
  if (!insideYear(doc, m.toDate)) out.push(`${formatDay(m.toDate)} — вне учебного года.`);
  else if (weekday(m.toDate) === 7) out.push(`${formatDay(m.toDate)} — воскресенье.`);
  else if (isHoliday(doc, m.toDate, classes.get(doc, m.classId)?.grade)) out.push(`${formatDay(m.toDate)} — каникулы.`);
  if (!bells.get(doc, String(m.toSlot))) out.push(`В расписании звонков нет ${m.toSlot}-го урока.`);
  return out;
}
