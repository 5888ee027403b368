import type * as Y from 'yjs';
import type { ClassId, GroupId, IsoDate, StudentId } from '../ids.ts';
import { personNameProblem } from '../names.ts';
import { closedPeriodAt } from '../school/closures.ts';
import { formatDay } from '../school/lesson-words.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { classes, groups as groupRecords } from '../school/staff.ts';
import { readJournalMeta } from './journal-doc.ts';
import { isEnrolledOn, listStudents, newStudentId, putStudent, setStudentField, type Student } from './student.ts';

/**
 * Student movement (движение учащихся), entered by the administrator (PERM-9): arrival,
 * departure, transfer to another class. Each is checked first (a Russian reason, or null) and
 * written through the roster accessors; the marks already in a journal are never touched, so
 * a student who left keeps them and one who arrived has none before the arrival (STU-1, PERM-4).
 */

const nameOf = (school: Y.Doc, classId: string) => classes.get(school, classId)?.name ?? classId;

/** A date movement may carry for a class: inside the school year and not in a period closed for it (PERM-10). */
function dateProblem(school: Y.Doc, journal: Y.Doc, date: IsoDate): string | null {
  const meta = readSchoolMeta(school);
  const jm = readJournalMeta(journal);
  if (!meta || !jm) return 'Журнал класса ещё не загружен';
  if (date < meta.startsOn || date > meta.endsOn) return `Дата ${formatDay(date)} — вне учебного года`;
  const closed = closedPeriodAt(school, jm.classId, jm.grade, date);
  if (closed) return `Период «${closed[1].name}» закрыт для ${nameOf(school, jm.classId)}: движение в нём не вносится`;
  return null;
}

/** The groups given are groups of this class, at most one per subject. */
function groupsProblem(school: Y.Doc, classId: ClassId, ids: readonly GroupId[]): string | null {
  const subjects = new Set<string>();
  for (const id of ids) {
    const g = groupRecords.get(school, id);
    if (!g || g.classId !== classId) return `Группа «${id}» — не группа класса ${nameOf(school, classId)}`;
    if (subjects.has(g.subjectId)) return `По одному предмету ученик может быть только в одной группе`;
    subjects.add(g.subjectId);
  }
  return null;
}

/** The students of the roster on a date with this name (STU-3 compares names the Russian way, ё with е). */
function namesakeOn(journal: Y.Doc, name: string, date: IsoDate): Student | undefined {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru').replace(/ё/g, 'е');
  return listStudents(journal).find((s) => norm(s.name) === norm(name) && isEnrolledOn(s, date));
}

export interface ArrivalRequest {
  name: string;
  /** The first day on the class's pages. */
  date: IsoDate;
  groups: GroupId[];
}

/** STU-5: an arrival needs a name (STU-11), a date of the school year outside closed periods, groups of the class, and no namesake already on the roster then. */
export function checkArrival(school: Y.Doc, journal: Y.Doc, r: ArrivalRequest): string | null {
  const name = r.name.trim();
  if (name === '') return 'Укажите ФИО ученика';
  // STU-11: the name as enrolled (spaces made one), as the import and the rule book (PERM-15) check it.
  const badName = personNameProblem(name.replace(/\s+/g, ' '), 'ФИО ученика');
  if (badName) return badName;
  const problem = dateProblem(school, journal, r.date);
  if (problem) return problem;
  const classId = readJournalMeta(journal)!.classId;
  if (namesakeOn(journal, name, r.date)) return `Ученик «${name}» уже есть в ${nameOf(school, classId)}`;
  return groupsProblem(school, classId, r.groups);
}

/** STU-5: enrolls a new student (a random id, STU-4) from the arrival date on. Returns the id. */
export function enrollStudent(journal: Y.Doc, r: ArrivalRequest, id: StudentId = newStudentId()): StudentId {
  putStudent(journal, { id, name: r.name.trim().replace(/\s+/g, ' '), groups: [...r.groups], enrolledOn: r.date, leftOn: null });
  return id;
}

/**
 * STU-6: a departure is dated the first day the student is no longer in the class (STU-1: the
 * leaving day is off the page): after their arrival, while they are on the roster, in the
 * school year and outside closed periods.
 */
export function checkDeparture(school: Y.Doc, journal: Y.Doc, studentId: StudentId, date: IsoDate): string | null {
  const s = listStudents(journal).find((x) => x.id === studentId);
  if (!s) return 'Такого ученика нет в списке класса';
  if (s.leftOn !== null && s.leftOn <= date) return `Ученик уже выбыл ${formatDay(s.leftOn)}`;
  if (s.enrolledOn !== null && date <= s.enrolledOn) return `Ученик зачислен ${formatDay(s.enrolledOn)}: дата выбытия должна быть позже`;
  return dateProblem(school, journal, date);
}

export function recordDeparture(journal: Y.Doc, studentId: StudentId, date: IsoDate): void {
  setStudentField(journal, studentId, 'leftOn', date);
}

export interface ClassTransfer {
  studentId: StudentId;
  /** The first day in the new class, so the last one in the old class is the day before. */
  date: IsoDate;
  toClassId: ClassId;
  /** The student's groups in the new class. */
  groups: GroupId[];
}

/**
 * STU-7: a transfer to another class is a departure from the old class and an arrival in the
 * new one on the same date: both checks hold (STU-6 in the old journal, STU-5 in the new).
 */
export function checkClassTransfer(school: Y.Doc, from: Y.Doc, to: Y.Doc, r: ClassTransfer): string | null {
  const fromMeta = readJournalMeta(from);
  const toMeta = readJournalMeta(to);
  if (!fromMeta || !toMeta) return 'Журнал класса ещё не загружен';
  if (!classes.get(school, r.toClassId) || toMeta.classId !== r.toClassId) return 'Нет такого класса';
  if (fromMeta.classId === toMeta.classId) return 'Ученик уже в этом классе';
  const departure = checkDeparture(school, from, r.studentId, r.date);
  if (departure) return departure;
  const s = listStudents(from).find((x) => x.id === r.studentId)!;
  return checkArrival(school, to, { name: s.name, date: r.date, groups: r.groups });
}

/**
 * STU-7: the id the student keeps in the new class: the same one (the student is one person:
 * a parent's account and the movement report follow them), unless that journal already has
 * it — a student coming back — when a new one is drawn (STU-4), so the old stint keeps its marks.
 */
export function transferIdFor(to: Y.Doc, studentId: StudentId, random: () => number = Math.random): StudentId {
  const taken = (id: string) => listStudents(to).some((s) => s.id === id);
  let id = studentId;
  while (taken(id)) id = newStudentId(random);
  return id;
}

/** STU-7: writes the departure into the old journal and the arrival into the new one; the caller wraps each in its own change. */
export function transferOut(from: Y.Doc, r: ClassTransfer): void {
  recordDeparture(from, r.studentId, r.date);
}

export function transferIn(from: Y.Doc, to: Y.Doc, r: ClassTransfer, newId: StudentId): void {
  const s = listStudents(from).find((x) => x.id === r.studentId);
  if (!s) throw new Error('no such student');
  enrollStudent(to, { name: s.name, date: r.date, groups: r.groups }, newId);
}
