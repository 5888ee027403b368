import type * as Y from 'yjs';
import { weekday } from '../dates.ts';
import { WHOLE_CLASS } from '../ids.ts';
import { joinKey } from '../doc/flat-map.ts';
import { lessonId } from '../journal/lesson.ts';
import { bells } from './bells.ts';
import type { ControlWork } from './control-work.ts';
import { moveKey, type LessonMove } from './lesson-move.ts';
import { formatDay, staffShortName } from './lesson-words.ts';
import { checkSubstitution, plannedLessonOf } from './register-substitution.ts';
import { isHoliday, readSchoolMeta } from './school-year.ts';
import { classes, groups } from './staff.ts';
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
 * YEAR-9, SUB-3: a substitution is stored under its lesson's one key and passes the page's own
 * check (`checkSubstitution`) against the day plan without it: its lesson is planned and not
 * moved away, the substitute is a staff member other than the lesson's teacher and free then
 * (SUB-2: no other lesson of the day plan in that slot is theirs); the absent teacher is the
 * lesson's teacher. The record being judged never makes its own lesson or its substitute busy.
 */
export function substitutionRecordProblems(doc: Y.Doc, key: string, s: Substitution): string[] {
  const out = pageProblems(doc, s);
  if (!Number.isInteger(s.slot) || s.slot < 0 || s.slot > 99 || !s.date.startsWith('20'))
    return [...out, 'Неверный номер урока или дата замены.'];
  if (key !== joinKey(s.classId, lessonId(s.date, s.slot, s.subjectId, s.groupId))) out.push('Ключ замены не совпадает с её уроком.');
  const reason = checkSubstitution(doc, s);
  if (reason) return [...out, `${reason}.`];
  const lesson = plannedLessonOf(doc, s)!;
  if (s.absentTeacherId !== lesson.teacherId)
    out.push(`Отсутствующим указан не учитель этого урока (${staffShortName(doc, lesson.teacherId)}).`);
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
