import type * as Y from 'yjs';
import type { ClassId, GroupId, IsoDate, LessonId, StudentId, SubjectId, UserId } from '../ids.ts';
import { joinKey, rootMap } from '../doc/flat-map.ts';
import { isAttendanceRecorded } from '../journal/attendance.ts';
import { readLesson } from '../journal/lesson.ts';
import { allMarks, type Mark } from '../journal/mark.ts';
import { pageLessons } from '../journal/page.ts';
import { everInGroup, isEnrolledOn, isInGroup, listStudents, type Student } from '../journal/student.ts';
import { type MarkingSystem } from '../marking/mark-value.ts';
import { ktpItems } from '../school/ktp.ts';
import { markingOf, subjects } from '../school/subject.ts';
import { entryRows, entryVerdict, type TimedRow } from './entry-times.ts';
import { ktpPlannedHours } from './ktp-progress.ts';

/** What monitoring reads of one class journal, prepared once for all its pages. */
export interface JournalScan {
  school: Y.Doc;
  journal: Y.Doc;
  classId: ClassId;
  grade: number;
  /** When each entry was made (MON-2). */
  entries: ReadonlyMap<string, TimedRow>;
  marksByLesson: ReadonlyMap<string, readonly Mark[]>;
  roster: readonly Student[];
}

/** Reads a journal once for monitoring: its marks by lesson, its roster, and when each entry was made from its change rows. */
export function scanJournal(school: Y.Doc, journal: Y.Doc, classId: ClassId, grade: number, rows: readonly TimedRow[]): JournalScan {
  const marksByLesson = new Map<string, Mark[]>();
  for (const m of allMarks(journal)) {
    const list = marksByLesson.get(m.lessonId);
    if (list) list.push(m);
    else marksByLesson.set(m.lessonId, [m]);
  }
  return { school, journal, classId, grade, entries: entryRows(rows), marksByLesson, roster: listStudents(journal) };
}

/**
 * The figures of one journal page for a stretch of a period, each with what it counts: lesson
 * ids, mark keys (`lessonId:studentId:n`) or student ids, so that every figure can be opened.
 */
export interface PageFigures {
  classId: ClassId;
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId;
  periodId: string;
  /** The stretch counted: the period's start … its end or yesterday, whichever is earlier. */
  from: IsoDate;
  to: IsoDate;
  marking: MarkingSystem;
  held: LessonId[];
  recorded: LessonId[];
  recordedOnTime: LessonId[];
  recordedLate: LessonId[];
  recordedUnknown: LessonId[];
  withoutTopic: LessonId[];
  homework: LessonId[];
  withoutHomework: LessonId[];
  marks: string[];
  marksOnTime: string[];
  marksLate: string[];
  marksUnknown: string[];
  /** Students on the page at the end of the stretch. */
  students: StudentId[];
  noMarks: StudentId[];
  oneMark: StudentId[];
  ktpPlanned: number;
  ktpDone: LessonId[];
  ktpMissing: LessonId[];
  attendance: LessonId[];
  withoutAttendance: LessonId[];
  substituted: LessonId[];
  empty: LessonId[];
}

export interface PageStretch {
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId;
  periodId: string;
  from: IsoDate;
  to: IsoDate;
}

/**
 * MON-1…MON-5: the monitoring figures of one page (class × subject × group, with its teacher by
 * the load) over `from … to`:
 * - MON-1: lessons held — the page's lessons (PAGE-1, PAGE-2) dated in the stretch; recorded —
 *   with a topic; of them on time, late or unknown by the change row that set the topic (MON-2);
 *   homework — with homework; attendance — `attendanceChecked` or an absence mark (ATT-4);
 *   substituted — with a registered substitute; empty — no topic, homework, mark or attendance;
 * - MON-2: marks — every mark of those lessons, each judged on time, late or unknown;
 * - MON-3: accumulation — the students on the page at the stretch's end (STU-1, STU-2) with no
 *   mark and with exactly one mark on those lessons;
 * - MON-4: КТП hours planned for the stretch (`ktpPlannedHours`) and lessons held with a КТП item.
 */
export function monitorPage(scan: JournalScan, page: PageStretch): PageFigures {
  const { school, journal, classId } = scan;
  const subject = subjects.get(school, page.subjectId);
  const marking = markingOf(subject, scan.grade);
  const year = pageLessons(school, journal, classId, page.subjectId, page.groupId);
  const held = page.to < page.from ? [] : year.filter((l) => l.date >= page.from && l.date <= page.to);
  const asOf = page.to < page.from ? page.from : page.to;
  const students = scan.roster.filter((s) => isInGroup(s, page.groupId, asOf, page.subjectId) && isEnrolledOn(s, asOf));
  const everyone = scan.roster.filter((s) => everInGroup(s, page.groupId, page.subjectId)).map((s) => s.id);
  const out: PageFigures = {
    classId,
    ...page,
    marking,
    held: [],
    recorded: [],
    recordedOnTime: [],
    recordedLate: [],
    recordedUnknown: [],
    withoutTopic: [],
    homework: [],
    withoutHomework: [],
    marks: [],
    marksOnTime: [],
    marksLate: [],
    marksUnknown: [],
    students: students.map((s) => s.id),
    noMarks: [],
    oneMark: [],
    ktpPlanned: page.to < page.from ? 0 : ktpPlannedHours(school, page.subjectId, scan.grade, page.teacherId, year, page.from, page.to),
    ktpDone: [],
    ktpMissing: [],
    attendance: [],
    withoutAttendance: [],
    substituted: [],
    empty: [],
  };
  const markCount = new Map<StudentId, number>();
  const marksMap = rootMap(journal, 'marks');
  for (const l of held) {
    const r = readLesson(journal, l.id);
    const marks = scan.marksByLesson.get(l.id) ?? [];
    const topic = r.topic.trim() !== '';
    const homework = r.homework.trim() !== '';
    const attendance = isAttendanceRecorded(journal, l.id, everyone);
    out.held.push(l.id);
    if (topic) {
      out.recorded.push(l.id);
      const verdict = entryVerdict('lessons', joinKey(l.id, 'topic'), r.topic, scan.entries, school);
      (verdict === 'on-time' ? out.recordedOnTime : verdict === 'late' ? out.recordedLate : out.recordedUnknown).push(l.id);
    } else out.withoutTopic.push(l.id);
    (homework ? out.homework : out.withoutHomework).push(l.id);
    (attendance ? out.attendance : out.withoutAttendance).push(l.id);
    const item = r.ktpItemId ? ktpItems.get(school, r.ktpItemId) : undefined;
    (item ? out.ktpDone : out.ktpMissing).push(l.id);
    if (l.substituteId !== null) out.substituted.push(l.id);
    if (!topic && !homework && !attendance && marks.length === 0) out.empty.push(l.id);
    for (const m of marks) {
      const key = joinKey(m.lessonId, m.studentId, m.place);
      out.marks.push(key);
      // The stored tuple names the work type, whose checking days set the deadline (TIME-2).
      const verdict = entryVerdict('marks', key, marksMap.get(key), scan.entries, school);
      (verdict === 'on-time' ? out.marksOnTime : verdict === 'late' ? out.marksLate : out.marksUnknown).push(key);
      markCount.set(m.studentId, (markCount.get(m.studentId) ?? 0) + 1);
    }
  }
  if (marking !== 'none') {
    for (const s of students) {
      const n = markCount.get(s.id) ?? 0;
      if (n === 0) out.noMarks.push(s.id);
      else if (n === 1) out.oneMark.push(s.id);
    }
  }
  return out;
}
