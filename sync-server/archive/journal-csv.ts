import type * as Y from 'yjs';
import {
  allMarks,
  compareMarks,
  formatAbsence,
  formatMark,
  isAbsenceMark,
  listStudents,
  parseLessonId,
  readLesson,
  subjects,
  WHOLE_CLASS,
  type LessonId,
} from '../../model/index.ts';
import { csv } from '../csv.ts';

/**
 * The journal as CSV for people (ARC-12): readable in Excel or LibreOffice without this software,
 * written by the server's one CSV writer (`csv`, IMP-18: a name or topic that would run as a
 * formula stays text). Russian headers, dates as ДД.ММ.ГГГГ.
 */

/** ДД.ММ.ГГГГ. */
export const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Every lesson id the journal mentions (recorded lessons, marks, absences), in date order. */
function lessonIds(journal: Y.Doc): LessonId[] {
  const ids = new Set<string>();
  for (const map of ['lessons', 'marks', 'attendance']) {
    journal.getMap(map).forEach((_v, key) => ids.add(key.split(':')[0]));
  }
  return [...ids].filter((id) => parseLessonId(id) !== null).sort() as LessonId[];
}

function lessonTitle(id: LessonId, school: Y.Doc | null): { date: string; slot: string; subject: string; group: string } {
  const k = parseLessonId(id)!;
  const subject = (school && subjects.get(school, k.subjectId)?.name) ?? k.subjectId;
  return { date: ruDate(k.date), slot: String(k.slot), subject, group: k.groupId === WHOLE_CLASS ? '' : k.groupId };
}

/** Students × lessons: each cell the marks of that lesson and «н»/«оп». */
export function journalGridCsv(journal: Y.Doc, school: Y.Doc | null): string {
  const lessons = lessonIds(journal);
  const students = listStudents(journal);
  const cells = new Map<string, string[]>();
  const add = (lesson: string, student: string, text: string) => {
    const key = `${lesson}:${student}`;
    cells.set(key, [...(cells.get(key) ?? []), text]);
  };
  for (const m of allMarks(journal).sort(compareMarks)) add(m.lessonId, m.studentId, formatMark(m.value));
  journal.getMap('attendance').forEach((v, key) => {
    if (isAbsenceMark(v)) add(key.split(':')[0], key.split(':')[1], formatAbsence(v));
  });
  const header = ['Ученик', ...lessons.map((id) => Object.values(lessonTitle(id, school)).filter(Boolean).join(', '))];
  const rows = students.map((s) => [s.name, ...lessons.map((l) => (cells.get(`${l}:${s.id}`) ?? []).join(' '))]);
  return csv([header, ...rows]);
}

/** One row per lesson: date, slot, subject, group, topic, homework, substitute. */
export function lessonsCsv(journal: Y.Doc, school: Y.Doc | null): string {
  const header = ['Дата', 'Урок', 'Предмет', 'Группа', 'Тема', 'Домашнее задание', 'Замена (учитель)'];
  const rows = lessonIds(journal).map((id) => {
    const t = lessonTitle(id, school);
    const r = readLesson(journal, id);
    return [t.date, t.slot, t.subject, t.group, r.topic, r.homework, r.substitute ?? ''];
  });
  return csv([header, ...rows]);
}
