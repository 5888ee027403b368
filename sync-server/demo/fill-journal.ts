/**
 * Fills a class journal the way its teachers would have by `until`: every planned lesson
 * before that date gets its КТП topic, homework and work type, marks for some or all present
 * students, the absences of the attendance plan, the class teacher's reasons, and the finals
 * of every period already over. Only the model's accessors write.
 */
import type * as Y from 'yjs';
import {
  allAssignments,
  isEnrolledOn,
  isInGroup,
  ktpFor,
  markingOf,
  MIN_MARKS_FOR_FINAL,
  pageLessons,
  periodsForGrade,
  setAbsence,
  setAbsenceReason,
  setLessonField,
  markPlace,
  setMark,
  subjects,
  workTypes,
  type ClassId,
  type IsoDate,
  type KtpItem,
  type KtpItemId,
  type LessonId,
  type Period,
  type PlannedLesson,
  type Student,
  type StudentId,
  type WorkTypeId,
} from '../../model/index.ts';
import { workTypeId } from './curriculum.ts';
import { AttendancePlan, type AbsenceProfile } from './attendance-plan.ts';
import { writeFinals, type PageMarks } from './finals.ts';
import { lessonsPerItem } from './ktp-builder.ts';
import { chooseWorkType, MarkMaker } from './marks.ts';
import { Rng } from './random.ts';

/** The seed of the marks' places' letters: fixed, so the demo stays the same from run to run. */
const PLACES_SEED = 0x706c6163;
import { homeworkFor } from './topics.ts';

export interface FillProfile extends AbsenceProfile {
  /** How many students answer orally in an ordinary lesson, [min, max]. */
  oralMarks: readonly [number, number];
  /** Share of ordinary lessons with a written work marked for the whole class. */
  writtenShare: number;
}

/** A teacher who marks a few students a lesson and the whole class on control works. */
export const DEMO_PROFILE: FillProfile = { oralMarks: [2, 4], writtenShare: 0.1, rate: 0.04, explained: 0.9 };

export interface FillInput {
  school: Y.Doc;
  journal: Y.Doc;
  classId: ClassId;
  grade: number;
  students: readonly Student[];
  /** The first day not yet taught ("today"): lessons strictly before it are recorded. */
  until: IsoDate;
  profile: FillProfile;
  rng: Rng;
}

export interface FillStats {
  lessons: number;
  marks: number;
  absences: number;
  reasons: number;
  finals: number;
}

interface Page {
  subjectId: PlannedLesson['subjectId'];
  groupId: PlannedLesson['groupId'];
  teacherId: PlannedLesson['teacherId'];
  lessons: PlannedLesson[];
}

function classPages(school: Y.Doc, classId: ClassId): Page[] {
  return allAssignments(school)
    .filter((a) => a.classId === classId)
    .sort((a, b) => a.subjectId.localeCompare(b.subjectId) || a.groupId.localeCompare(b.groupId))
    .map((a) => ({ ...a, lessons: pageLessons(school, null, classId, a.subjectId, a.groupId) }));
}

/**
 * The КТП item of each lesson of the year in order: an item of n hours covers n lessons, the
 * plan fitted to the page's lessons where the curriculum hours differ from them (`lessonsPerItem`).
 */
function ktpByLesson(school: Y.Doc, page: Page, grade: number): Array<[KtpItemId, KtpItem]> {
  const out: Array<[KtpItemId, KtpItem]> = [];
  const plan = ktpFor(school, page.subjectId, grade, page.teacherId ?? undefined);
  const lessons = lessonsPerItem(
    plan.map(([, item]) => item),
    page.lessons.length,
  );
  plan.forEach(([id, item], i) => {
    for (let h = 0; h < lessons[i]; h++) out.push([id as KtpItemId, item]);
  });
  return out;
}

/** Where a lesson stands in its period: the period's first day and the lessons left, this one included. */
interface PeriodPosition {
  start: IsoDate;
  left: number;
}

function periodPositions(lessons: readonly PlannedLesson[], periods: readonly Period[]): Map<LessonId, PeriodPosition> {
  const out = new Map<LessonId, PeriodPosition>();
  for (const p of periods) {
    const inside = lessons.filter((l) => l.date >= p.startsOn && l.date <= p.endsOn);
    inside.forEach((l, i) => out.set(l.id, { start: p.startsOn, left: inside.length - i }));
  }
  return out;
}

function marksSince(marks: PageMarks, studentId: StudentId, from: IsoDate): number {
  return (marks.byStudent.get(studentId) ?? []).filter((m) => m.date >= from).length;
}

/** Every school day before `until` with the bell slots the class has lessons in. */
function schoolDays(pages: readonly Page[], until: IsoDate): Map<IsoDate, number[]> {
  const days = new Map<IsoDate, number[]>();
  for (const p of pages) {
    for (const l of p.lessons) {
      if (l.date >= until) continue;
      const slots = days.get(l.date) ?? [];
      if (!slots.includes(l.slot)) slots.push(l.slot);
      days.set(l.date, slots);
    }
  }
  for (const slots of days.values()) slots.sort((a, b) => a - b);
  return days;
}

/** What one lesson's marking needs to know besides the lesson. */
interface MarkContext {
  journal: Y.Doc;
  marks: PageMarks;
  maker: MarkMaker;
  weights: ReadonlyMap<string, number>;
  profile: FillProfile;
  rng: Rng;
  /** Draws the letters of the marks' places (MARK-8), apart from `rng` so the marks do not depend on them. */
  places: Rng;
  stats: FillStats;
}

/**
 * Marks one lesson: a written work for everyone present, or oral answers of a few. Teachers
 * call on those with the fewest marks in the period, and call on more when the lessons left
 * would not otherwise give everyone enough marks for a final (so 1-hour subjects mark more).
 */
function markLesson(
  ctx: MarkContext,
  lesson: PlannedLesson,
  workType: WorkTypeId,
  present: readonly Student[],
  period: PeriodPosition | undefined,
): void {
  const { marks, rng } = ctx;
  const give = (s: Student, type: WorkTypeId, index: number) => {
    const value = ctx.maker.value(s.id, lesson.subjectId, type, marks.marking);
    const weight = ctx.weights.get(type) ?? 1;
    setMark(ctx.journal, lesson.id, s.id, markPlace(index, ctx.places.next), { v: value, t: type, w: weight });
    ctx.stats.marks++;
    const list = marks.byStudent.get(s.id) ?? [];
    marks.byStudent.set(s.id, list);
    list.push({ date: lesson.date, value, weight });
  };
  const written = workType !== 'oral';
  // Dictations get two marks: spelling and the grammar task.
  const perStudent = !written ? 0 : workType === 'dictation' ? 2 : 1;
  if (written) for (const s of present) for (let i = 0; i < perStudent; i++) give(s, workType, i);
  const inPeriod = new Map(present.map((s) => [s, period ? marksSince(marks, s.id, period.start) : 0]));
  const missing = period ? present.reduce((n, s) => n + Math.max(0, MIN_MARKS_FOR_FINAL - inPeriod.get(s)!), 0) : 0;
  const quota = period ? Math.ceil(missing / period.left) : 0;
  const [min, max] = written ? [0, 1] : ctx.profile.oralMarks;
  const callOn = rng
    .shuffle(present)
    .sort((a, b) => inPeriod.get(a)! - inPeriod.get(b)!)
    .slice(0, Math.max(quota, rng.int(min, max)));
  for (const s of callOn) give(s, workTypeId(!written && rng.chance(0.25) ? 'homework' : 'oral'), perStudent);
}

export function fillJournal(input: FillInput): FillStats {
  const { school, journal, classId, grade, students, until, profile, rng } = input;
  const stats: FillStats = { lessons: 0, marks: 0, absences: 0, reasons: 0, finals: 0 };
  const pages = classPages(school, classId);
  const ids = students.map((s) => s.id);
  const attendance = new AttendancePlan(ids, schoolDays(pages, until), profile, rng.fork('attendance'));
  const maker = new MarkMaker(rng.fork('marks'));
  const weights = new Map(workTypes.all(school).map(([id, w]) => [id, w.weight]));
  const absentDays = new Map<StudentId, Set<IsoDate>>();
  const pageMarks: PageMarks[] = [];
  const periods = periodsForGrade(school, grade).map(([, p]) => p);

  for (const page of pages) {
    const marking = markingOf(subjects.get(school, page.subjectId), grade);
    const plan = ktpByLesson(school, page, grade);
    const positions = periodPositions(page.lessons, periods);
    const marks: PageMarks = { subjectId: page.subjectId, groupId: page.groupId, marking, byStudent: new Map() };
    pageMarks.push(marks);
    const ctx: MarkContext = { journal, marks, maker, weights, profile, rng, places: new Rng(PLACES_SEED), stats };
    page.lessons.forEach((lesson, n) => {
      if (lesson.date >= until) return;
      // Lessons past the end of the plan (an extra lesson) repeat its last item.
      const [ktpId, item] = plan[Math.min(n, plan.length - 1)] ?? [null, null];
      const title = item?.title ?? 'Урок';
      const workType = chooseWorkType(page.subjectId, item?.kind ?? 'lesson', title, profile.writtenShare, rng);
      setLessonField(journal, lesson.id, 'topic', title);
      setLessonField(journal, lesson.id, 'ktpItemId', ktpId);
      const homework = homeworkFor(page.subjectId, grade, n, rng);
      if (homework !== '') setLessonField(journal, lesson.id, 'homework', homework);
      setLessonField(journal, lesson.id, 'workType', workType);
      if (lesson.substituteId) setLessonField(journal, lesson.id, 'substitute', lesson.substituteId);
      stats.lessons++;

      const present: Student[] = [];
      for (const s of students) {
        if (!isEnrolledOn(s, lesson.date) || !isInGroup(s, page.groupId, lesson.date, page.subjectId)) continue;
        const absence = attendance.markFor(s.id, lesson.date, lesson.slot);
        if (absence) {
          setAbsence(journal, lesson.id, s.id, absence);
          stats.absences++;
          absentDays.set(s.id, (absentDays.get(s.id) ?? new Set<IsoDate>()).add(lesson.date));
        }
        if (absence !== 'absent') present.push(s);
      }
      if (marking !== 'none') markLesson(ctx, lesson, workType, present, positions.get(lesson.id));
    });
  }

  // The class teacher explains most absent days; the remainder are still being chased.
  const reasonRng = rng.fork('reasons');
  for (const [studentId, dates] of absentDays) {
    for (const date of [...dates].sort()) {
      const reason = attendance.reasonFor(studentId, date);
      if (!reason || !reasonRng.chance(profile.explained)) continue;
      setAbsenceReason(journal, studentId, date, reason);
      stats.reasons++;
    }
  }
  stats.finals = writeFinals(journal, school, grade, students, pageMarks, until);
  return stats;
}
