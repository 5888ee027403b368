import { inRange, type AbsenceMark, type AbsenceReason, type IsoDate } from '../../../model/index.ts';
import { subjectName, type DiaryData } from './diary-data.ts';

/** A lesson the student missed or came late to. */
export interface MissedLesson {
  lessonId: string;
  subject: string;
  /** The bell number; null when the diary no longer lists the lesson. */
  slot: number | null;
  mark: AbsenceMark;
  reason: AbsenceReason | null;
}

export interface MissedDay {
  date: IsoDate;
  lessons: MissedLesson[];
  /** ATT-6: every lesson of the day missed (a late mark is no absence). */
  wholeDay: boolean;
}

export interface AttendanceTotals {
  /** Lessons missed («н»). */
  absent: number;
  /** The missed lessons by the day's reason; `none` without one (or with a lateness reason, ATT-12). */
  byReason: Record<'Б' | 'У' | 'Н' | 'none', number>;
  /** Lessons come late to («оп»). */
  late: number;
  /** Days with every lesson missed (ATT-6). */
  wholeDays: number;
}

/**
 * DIARY-34: the student's absences and lateness from `from` to `to` by day (in bell order), with
 * the day's reason, and the totals: lessons missed split by reason — an absence explained only by
 * a lateness reason counts as without one (ATT-12) — lessons come late to, and whole days missed.
 */
export function attendanceOf(d: DiaryData, from: IsoDate, to: IsoDate): { days: MissedDay[]; totals: AttendanceTotals } {
  const totals: AttendanceTotals = { absent: 0, byReason: { Б: 0, У: 0, Н: 0, none: 0 }, late: 0, wholeDays: 0 };
  const days = new Map<IsoDate, MissedLesson[]>();
  for (const [lessonId, a] of Object.entries(d.attendance)) {
    if (!inRange(a.date, from, to)) continue;
    const slot = d.lessons[lessonId]?.slot ?? null;
    const list = days.get(a.date) ?? [];
    list.push({ lessonId, subject: subjectName(d, a.subjectId), slot, mark: a.mark, reason: a.reason });
    days.set(a.date, list);
    if (a.mark === 'late') totals.late++;
    else {
      totals.absent++;
      totals.byReason[a.reason === null || a.reason === 'О' ? 'none' : a.reason]++;
    }
  }
  const lessonsOn = new Map<IsoDate, number>();
  for (const l of Object.values(d.lessons)) if (days.has(l.date)) lessonsOn.set(l.date, (lessonsOn.get(l.date) ?? 0) + 1);
  const out: MissedDay[] = [...days]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, lessons]) => {
      lessons.sort((a, b) => (a.slot ?? 99) - (b.slot ?? 99));
      const absent = lessons.filter((l) => l.mark === 'absent').length;
      return { date, lessons, wholeDay: absent > 0 && absent >= (lessonsOn.get(date) ?? 0) };
    });
  totals.wholeDays = out.filter((day) => day.wholeDay).length;
  return { days: out, totals };
}
