import type * as Y from 'yjs';
import { isValidId, type IsoDate, type StudentId, type YearId } from '../ids.ts';
import { rootMap, type JsonValue } from '../doc/flat-map.ts';
import type { AbsenceMark, AbsenceReason } from '../marking/attendance.ts';
import type { MarkingSystem, MarkValue } from '../marking/mark-value.ts';

/**
 * DIARY-1: a student's diary is a Yjs document `diary/{studentId}/{yearId}`, written only by the
 * server (a projection of the class journals and the school year) and read by the student and
 * their parents over the same sync protocol as a journal. Flat like the journal (DOC-2): each map
 * below holds small JSON records under path keys; a record that is gone is deleted (the diary is
 * never edited by two writers, so the null-for-removed rule DOC-3 does not apply).
 *
 * It names nobody but its student and the school's staff: no other student's id, name, mark or
 * absence is ever in it (DIARY-3).
 */
export const DIARY_MAPS = [
  'info',
  'lessons',
  'marks',
  'attendance',
  'finals',
  'controls',
  'periods',
  'holidays',
  'subjects',
  'teachers',
  'notices',
  'notes',
] as const;
export type DiaryMapName = (typeof DIARY_MAPS)[number];

export function diaryDocName(studentId: StudentId, yearId: YearId): string {
  return `diary/${studentId}/${yearId}`;
}

/** `diary/{studentId}/{yearId}` → its parts; null for any other name. */
export function parseDiaryName(name: string): { studentId: StudentId; yearId: YearId } | null {
  const parts = name.split('/');
  if (parts.length !== 3 || parts[0] !== 'diary' || !isValidId(parts[1]) || !isValidId(parts[2])) return null;
  return { studentId: parts[1] as StudentId, yearId: parts[2] as YearId };
}

/** A stretch of the year in one class (a student who moved has two). */
export interface DiarySpell {
  classId: string;
  className: string;
  /** First day in the class; null = from the start of the year. */
  from: IsoDate | null;
  /** First day no longer in it; null = still there. */
  to: IsoDate | null;
}

/** `info.student`: who the diary is of, and the year. */
export interface DiaryInfo {
  studentId: string;
  name: string;
  /** The class the student is in now (or was in last). */
  classId: string;
  className: string;
  grade: number;
  classTeacher: string | null;
  schoolName: string;
  yearId: string;
  yearTitle: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  spells: DiarySpell[];
  /** FIN-9: the school's least number of marks that justify a period final. */
  minMarks: number;
}

/** `lessons[lessonId]`: a lesson the student has (their class and group, while enrolled). */
export interface DiaryLesson {
  classId: string;
  date: IsoDate;
  /** The bell number (урок №). */
  slot: number;
  /** «08:30», from the bell schedule; null when the school has none for the slot. */
  start: string | null;
  end: string | null;
  subjectId: string;
  /** «1 группа» for a group's lesson; null for the whole class. */
  group: string | null;
  /** `teachers` key of the teacher who gives it: the substitute when there is one. */
  teacherId: string | null;
  /** Set when a substitute gives it instead of the class's teacher. */
  substitute: boolean;
  /** Set on a lesson moved here from another date or slot. */
  movedFrom: { date: IsoDate; slot: number } | null;
  /** Set on a lesson moved away that stays listed because it already has records. */
  movedTo: { date: IsoDate; slot: number } | null;
  /** The teacher's topic, else the КТП's; '' when none is known yet. */
  topic: string;
  homework: string;
  /** The homework is for the next lesson of the same subject and group: its date (null: none left this year). */
  homeworkDue: IsoDate | null;
  /** A control work is planned for the class or the group that day in this subject. */
  control: boolean;
}

/** `marks["lessonId:place"]`: one of the student's marks. */
export interface DiaryMark {
  lessonId: string;
  date: IsoDate;
  subjectId: string;
  value: MarkValue;
  /** The work type's name (Устный ответ, Контрольная работа). */
  workType: string;
  weight: number;
  /** The teacher's comment on the mark, to the family. */
  comment: string;
  teacherId: string | null;
  /** DIARY-6: the values this mark had before it was corrected, oldest first, with the last correction's time. */
  corrected: { was: MarkValue[]; at: number } | null;
}

/**
 * `notes[lessonId]`: NOTE-4: the teacher's note to the family on one of the student's lessons
 * («Не выполнил домашнее задание»). The subject's and the teacher's names are in `subjects` and
 * `teachers`, like a mark's.
 */
export interface DiaryNote {
  lessonId: string;
  date: IsoDate;
  subjectId: string;
  /** The lesson's teacher (the substitute when there is one); null when the diary does not list the lesson. */
  teacherId: string | null;
  text: string;
}

/** `attendance[lessonId]`: the student missed or was late to a lesson. */
export interface DiaryAbsence {
  date: IsoDate;
  subjectId: string;
  mark: AbsenceMark;
  /** The class teacher's reason of the day (Б, У, Н, О), when given. */
  reason: AbsenceReason | null;
}

/** `finals["subjectId:periodId"]`: a period, year, exam or leaving final. */
export interface DiaryFinal {
  subjectId: string;
  periodId: string;
  value: MarkValue;
}

/** `controls[id]`: a planned control work of the student's class or group. */
export interface DiaryControl {
  date: IsoDate;
  subjectId: string;
}

/** `periods[periodId]`: the periods of the student's grade, and the year, exam and leaving finals' columns. */
export interface DiaryPeriod {
  name: string;
  kind: 'period' | 'year' | 'exam' | 'final';
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
  /** Closed by the deputy: its finals are final. */
  closed: boolean;
}

export interface DiaryHoliday {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface DiarySubject {
  name: string;
  system: MarkingSystem;
}

export interface DiaryTeacher {
  name: string;
}

/** `notices[id]`: the school asks the family for something (read the week, confirm the finals). */
export interface DiaryNotice {
  text: string;
  at: number;
  from: string;
}

/** The whole diary as plain JSON: map name → key → record. */
export type DiaryState = Record<DiaryMapName, Record<string, JsonValue>>;

export function emptyDiaryState(): DiaryState {
  return Object.fromEntries(DIARY_MAPS.map((m) => [m, {}])) as DiaryState;
}

/** The diary's content as plain JSON (tests, the rebuild check, the client's reading). */
export function readDiary(doc: Y.Doc): DiaryState {
  const out = emptyDiaryState();
  for (const m of DIARY_MAPS) rootMap(doc, m).forEach((v, k) => (out[m][k] = v));
  return out;
}

/** The diary's own record of who it is of, or undefined before the first projection. */
export function readDiaryInfo(doc: Y.Doc): DiaryInfo | undefined {
  return rootMap(doc, 'info').get('student') as DiaryInfo | undefined;
}

/** Records of one map, typed (the server wrote them; the client reads them as they are). */
export function diaryRecords<T>(doc: Y.Doc, map: DiaryMapName): Array<[string, T]> {
  const out: Array<[string, T]> = [];
  rootMap(doc, map).forEach((v, k) => out.push([k, v as T]));
  return out;
}
