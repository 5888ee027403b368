import type * as Y from 'yjs';
import { rootMap } from '../doc/flat-map.ts';
import { isValidId, WHOLE_CLASS } from '../ids.ts';
import { nameKey } from '../import/import-cells.ts';
import { newClassId, newGroupId } from '../import/import-ids.ts';
import { sentences, titleProblem } from '../names.ts';
import type { JournalUse } from '../journal/journal-use.ts';
import { closures } from './closures.ts';
import { plannedControlWorks } from './control-work.ts';
import { allMoves } from './lesson-move.ts';
import { classes, groups, staff, type Group, type SchoolClass } from './staff.ts';
import { subjects } from './subject.ts';
import { substitutions } from './substitution.ts';
import { allAssignments } from './teaching-load.ts';
import { timetableEntries } from './timetable.ts';

/** The longest class name the journal prints in its headers (the import keeps to it too). */
export const CLASS_NAME_MAX = 20;
/** The longest group name. */
export const GROUP_NAME_MAX = 100;
/** How many classes one teacher usually leads: the federal payment for классное руководство covers at most two. */
const USUAL_CLASSES_LED = 2;

/** The grade a class name starts with («10А» → 10), or null when it starts with no number. */
export function gradeInName(name: string): number | null {
  const m = /^\s*(\d{1,2})/.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * Every id a map has ever held, removed ones included: a removed class keeps its journal
 * document and a removed group stays in students' group lists, so their ids are never reused.
 */
export function idsEverUsed(doc: Y.Doc, map: 'classes' | 'groups'): Set<string> {
  return new Set(rootMap(doc, map).keys());
}

/**
 * SETUP-3: the id of a class added now, from its name the way the import and the demo make
 * them («7В» → `7v`, then `7v-2` …), never one a class had before (its journal may be stored).
 */
export function newClassIdFor(doc: Y.Doc, name: string): string {
  return newClassId(name.trim(), idsEverUsed(doc, 'classes'));
}

/** SETUP-3: the id of a group added now («7v-eng-1»), never one a removed group had. */
export function newGroupIdFor(doc: Y.Doc, classId: string, subjectId: string): string {
  return newGroupId(classId, subjectId, idsEverUsed(doc, 'groups'));
}

const count = (n: number, what: string) => (n ? [`${what}: ${n}`] : []);

/** What in the school year names a class or a group, as «нагрузка: 3; уроков в расписании: 5». */
function uses(doc: Y.Doc, hit: (r: { classId: string; subjectId: string; groupId: string }) => boolean): string[] {
  return [
    ...count(allAssignments(doc).filter(hit).length, 'нагрузка'),
    ...count(timetableEntries(doc).filter(hit).length, 'уроков в расписании'),
    ...count(substitutions.all(doc).filter(([, s]) => hit(s)).length, 'замен'),
    ...count(allMoves(doc).filter(([, m]) => hit(m)).length, 'переносов уроков'),
    ...count(plannedControlWorks.all(doc).filter(([, w]) => hit(w)).length, 'контрольных работ в графике'),
  ];
}

/** What names a class besides its groups: the load, timetable, substitutions, moves, control works, closed periods. */
function classUses(doc: Y.Doc, classId: string): string[] {
  const closed = closures.all(doc).filter(([k]) => k.startsWith(`${classId}:`)).length;
  return [...uses(doc, (r) => r.classId === classId), ...count(closed, 'закрытых периодов')];
}

/**
 * SETUP-1: a class has a name (at most 20 characters) no other class of the school has, case
 * and ё aside («7в» = «7В»); its grade is a whole number 1…11 and agrees with the number its
 * name starts with («7В» is in grade 7); SETUP-33: no hidden character in it. SETUP-2: its class
 * teacher is none or a staff member.
 */
export function classRecordProblems(doc: Y.Doc, key: string, c: SchoolClass): string[] {
  const out: string[] = [];
  const name = c.name.trim();
  if (!isValidId(key) || key === WHOLE_CLASS) out.push(`Неверный код класса «${key}».`);
  if (!name) out.push('Укажите название класса, например «7В».');
  else if (name.length > CLASS_NAME_MAX) out.push(`Название класса — не длиннее ${CLASS_NAME_MAX} знаков.`);
  else out.push(...sentences(titleProblem(name, 'Название класса')));
  const twin = classes.all(doc).find(([k, o]) => k !== key && name && nameKey(o.name) === nameKey(name));
  if (twin) out.push(`Класс «${twin[1].name}» уже есть в школе.`);
  if (!Number.isInteger(c.grade) || c.grade < 1 || c.grade > 11) out.push('Параллель — целое число от 1 до 11.');
  else {
    const inName = gradeInName(name);
    if (inName !== null && inName !== c.grade) out.push(`Класс «${name}» не может быть в параллели ${c.grade}.`);
  }
  if (c.classTeacherId !== null && !staff.get(doc, c.classTeacherId)) out.push('Классный руководитель — не сотрудник школы.');
  return out;
}

/**
 * SETUP-2: a warning, never a refusal: a teacher may lead two classes (with their consent, when
 * teachers are short), more than two is unusual and likely a slip.
 */
export function classTeacherWarnings(doc: Y.Doc, key: string, c: SchoolClass): string[] {
  if (c.classTeacherId === null) return [];
  const led = classes.all(doc).filter(([k, o]) => k !== key && o.classTeacherId === c.classTeacherId);
  if (led.length < USUAL_CLASSES_LED) return [];
  const who = staff.get(doc, c.classTeacherId)?.name ?? c.classTeacherId;
  const names = [...led.map(([, o]) => o.name), c.name].sort((a, b) => a.localeCompare(b, 'ru'));
  return [`${who} — классный руководитель ${names.length} классов (${names.join(', ')}); обычно не больше двух.`];
}

/** The classes that have more than two with one class teacher, for the table's warnings. */
export function classesWarnings(doc: Y.Doc): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [key, c] of classes.all(doc)) {
    if (c.classTeacherId === null || seen.has(c.classTeacherId)) continue;
    seen.add(c.classTeacherId);
    out.push(...classTeacherWarnings(doc, key, c));
  }
  return out;
}

/**
 * SETUP-4: a class is removed only when nothing names it: no group, teaching load, timetable
 * lesson, substitution, lesson move, planned control work or closed period. Answers what does.
 */
export function classRemovalProblems(doc: Y.Doc, key: string): string[] {
  const own = count(groups.all(doc).filter(([, g]) => g.classId === key).length, 'групп');
  const all = [...own, ...classUses(doc, key)];
  return all.length ? [`Класс ещё указан в учебном году (${all.join('; ')}): сначала уберите это.`] : [];
}

/**
 * SETUP-4: a class changes grade only while nothing but its groups names it — the load,
 * timetable and the rest were set up for the grade's curriculum and periods — and its journal
 * (`journal`, when known) holds no marks, absence marks or finals, which were given under that
 * grade's periods and marking. The page asks this before it writes another grade; the server
 * when a stored record's grade changes (authorize-school.ts).
 */
export function classGradeChangeProblems(doc: Y.Doc, key: string, journal?: JournalUse): string[] {
  const all = classUses(doc, key);
  const out = all.length ? [`Параллель класса меняется, только пока у него нет нагрузки и расписания (${all.join('; ')}).`] : [];
  if (journal?.records)
    out.push(`В журнале класса уже есть отметки, пропуски или итоговые отметки (${journal.records}): параллель класса не меняется.`);
  return out;
}

/**
 * SETUP-5: a group (подгруппа) is of a class and subject that exist, under an id other than
 * `all`; it has a name (at most 100 characters) no other group of that class and subject has,
 * case and ё aside; and it stays of the class and subject that the load, timetable and the
 * rest name it with.
 */
export function groupRecordProblems(doc: Y.Doc, key: string, g: Group): string[] {
  const out: string[] = [];
  const name = g.name.trim();
  if (!isValidId(key) || key === WHOLE_CLASS) return [`Неверный код группы «${key}».`];
  if (!classes.get(doc, g.classId)) out.push('Нет такого класса.');
  if (!subjects.get(doc, g.subjectId)) out.push('Нет такого предмета.');
  if (!name) out.push('Укажите название группы, например «1 группа».');
  else if (name.length > GROUP_NAME_MAX) out.push(`Название группы — не длиннее ${GROUP_NAME_MAX} знаков.`);
  else out.push(...sentences(titleProblem(name, 'Название группы')));
  const twin = groups
    .all(doc)
    .find(([k, o]) => k !== key && o.classId === g.classId && o.subjectId === g.subjectId && name && nameKey(o.name) === nameKey(name));
  if (twin) out.push(`Группа «${twin[1].name}» по этому предмету в классе уже есть.`);
  const elsewhere = uses(doc, (r) => r.groupId === key && (r.classId !== g.classId || r.subjectId !== g.subjectId));
  if (elsewhere.length)
    out.push(`Группа уже указана с другим классом или предметом (${elsewhere.join('; ')}): её класс и предмет не меняются.`);
  return out;
}

/**
 * YEAR-15: a group (`group`, the stored record) is not removed, nor given another class or
 * subject, while its class's journal (`journal`, when known) has students in it or records of
 * it: they would drop off every page (STU-2). Answers what the journal holds.
 */
export function groupJournalProblems(doc: Y.Doc, key: string, group: Group, journal: JournalUse | undefined): string[] {
  const use = journal?.groups.get(key);
  if (!use) return [];
  const held = [...count(use.students, 'учеников в группе'), ...count(use.records, 'отметок, пропусков и итоговых отметок группы')];
  const className = classes.get(doc, group.classId)?.name ?? group.classId;
  const then = use.students ? 'сначала переведите учеников в другую группу' : 'записи журнала остаются за ней';
  return [
    `Группу «${group.name}» ещё использует журнал ${className} (${held.join('; ')}): её не удалить и не перенести в другой класс или предмет — ${then}.`,
  ];
}

/**
 * SETUP-6: a group is removed only when no load entry, timetable lesson, substitution, lesson
 * move or planned control work names it. Answers what does.
 */
export function groupRemovalProblems(doc: Y.Doc, key: string): string[] {
  const all = uses(doc, (r) => r.groupId === key);
  return all.length ? [`Группа ещё указана в учебном году (${all.join('; ')}): сначала уберите это.`] : [];
}
