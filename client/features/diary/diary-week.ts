import { addDays, parseMarkPlace, weekday, type IsoDate } from '../../../model/index.ts';
import type { DiaryAbsence, DiaryLesson, DiaryMark, DiaryNote } from '../../../model/diary/diary-doc.ts';
import { holidayOn, subjectName, teacherName, type DiaryData } from './diary-data.ts';

/** One of the student's marks with its `marks` key (what reading it records). */
export interface KeyedMark {
  key: string;
  mark: DiaryMark;
  /** The name of the teacher who gave it, when the diary names them. */
  teacher: string | null;
}

/** A lesson of the week as the diary shows it: with the student's marks and absence on it. */
export interface WeekLesson {
  lessonId: string;
  lesson: DiaryLesson;
  subject: string;
  teacher: string | null;
  /** In the order the teacher put them in the cell (MARK-8). */
  marks: KeyedMark[];
  absence: DiaryAbsence | null;
  /** NOTE-4: the teacher's note to the family on this lesson. */
  note: DiaryNote | null;
}

export interface WeekDay {
  date: IsoDate;
  /** The holidays' name when the day falls in them. */
  holiday: string | null;
  /** Before the school year's first day or after its last. */
  outsideYear: boolean;
  /** In bell order. */
  lessons: WeekLesson[];
  /** Marks of the day whose lesson the diary does not list: shown rather than lost. */
  otherMarks: KeyedMark[];
  /** Notes of the day whose lesson the diary does not list, with the subject's name. */
  otherNotes: Array<{ note: DiaryNote; subject: string }>;
}

/** The Monday of the week `date` is in. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekday(date));
}

/** The place part of a `lessonId:place` key, as its position in the cell (0 when unreadable). */
function placeOf(key: string): number {
  return parseMarkPlace(key.slice(key.lastIndexOf(':') + 1))?.n ?? 0;
}

/** The marks of a set of lessons, each lesson's in cell order. */
export function marksByLesson(d: DiaryData): Map<string, KeyedMark[]> {
  const out = new Map<string, KeyedMark[]>();
  for (const [key, mark] of Object.entries(d.marks)) {
    const list = out.get(mark.lessonId) ?? [];
    list.push({ key, mark, teacher: teacherName(d, mark.teacherId) });
    out.set(mark.lessonId, list);
  }
  for (const list of out.values()) list.sort((a, b) => placeOf(a.key) - placeOf(b.key) || (a.key < b.key ? -1 : 1));
  return out;
}

/**
 * DIARY-30: the week from `monday`: Monday to Friday always, Saturday and Sunday when they hold
 * lessons (a six-day school); each day's lessons in bell order with the student's marks (in the
 * cell's order), absence and the teacher's note to the family (NOTE-5), the holidays named, the days outside the year flagged.
 */
export function diaryWeek(d: DiaryData, monday: IsoDate): WeekDay[] {
  const sunday = addDays(monday, 6);
  const byLesson = marksByLesson(d);
  const days = new Map<string, WeekDay>();
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    const outsideYear = d.info !== undefined && (date < d.info.startsOn || date > d.info.endsOn);
    days.set(date, { date, holiday: holidayOn(d, date), outsideYear, lessons: [], otherMarks: [], otherNotes: [] });
  }
  for (const [lessonId, lesson] of Object.entries(d.lessons)) {
    if (lesson.date < monday || lesson.date > sunday) continue;
    days.get(lesson.date)!.lessons.push({
      lessonId,
      lesson,
      subject: subjectName(d, lesson.subjectId),
      teacher: teacherName(d, lesson.teacherId),
      marks: byLesson.get(lessonId) ?? [],
      absence: d.attendance[lessonId] ?? null,
      note: d.notes[lessonId] ?? null,
    });
  }
  for (const [lessonId, note] of Object.entries(d.notes)) {
    if (d.lessons[lessonId] || note.date < monday || note.date > sunday) continue;
    days.get(note.date)?.otherNotes.push({ note, subject: subjectName(d, note.subjectId) });
  }
  for (const [lessonId, marks] of byLesson) {
    if (d.lessons[lessonId]) continue;
    for (const m of marks) if (m.mark.date >= monday && m.mark.date <= sunday) days.get(m.mark.date)?.otherMarks.push(m);
  }
  const out: WeekDay[] = [];
  for (const day of days.values()) {
    day.lessons.sort((a, b) => a.lesson.slot - b.lesson.slot || (a.lesson.start ?? '').localeCompare(b.lesson.start ?? ''));
    const weekend = weekday(day.date) >= 6;
    if (!weekend || day.lessons.length > 0 || day.otherMarks.length > 0 || day.otherNotes.length > 0) out.push(day);
  }
  return out;
}
