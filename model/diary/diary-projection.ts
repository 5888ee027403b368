import type * as Y from 'yjs';
import type { JsonValue } from '../doc/flat-map.ts';
import type { ClassId, IsoDate, StudentId, SubjectId } from '../ids.ts';
import { readAbsence, readAbsenceReason } from '../journal/attendance.ts';
import { EXAM_FINAL, EXAM_FINAL_NAME, hasLeavingFinal, LEAVING_FINAL, LEAVING_FINAL_NAME } from '../journal/exam-final.ts';
import { finalColumns } from '../journal/final-roster.ts';
import { isFinalValue } from '../journal/final.ts';
import { readJournalMeta } from '../journal/journal-doc.ts';
import { parseLessonId } from '../journal/lesson.ts';
import { isEnrolledOn, isInGroup, listStudents, type Student } from '../journal/student.ts';
import type { MarkValue } from '../marking/mark-value.ts';
import { hadLesson } from '../reports/attendance-day.ts';
import { plannedControlWorks } from '../school/control-work.ts';
import { isPeriodClosed } from '../school/closures.ts';
import { holidayCovers, holidays, readSchoolMeta } from '../school/school-year.ts';
import { classes, staff } from '../school/staff.ts';
import { readMinMarksForFinal } from '../school/finals-setting.ts';
import { markingOf, subjects, workTypes } from '../school/subject.ts';
import { classDiary, studentMarks, studentNotes } from './diary-class.ts';
import {
  emptyDiaryState,
  type DiaryAbsence,
  type DiaryControl,
  type DiaryFinal,
  type DiaryInfo,
  type DiaryLesson,
  type DiaryMark,
  type DiaryNote,
  type DiaryNotice,
  type DiaryPeriod,
  type DiarySpell,
  type DiaryState,
} from './diary-doc.ts';

/** What a student's diary is projected from. */
export interface DiarySource {
  school: Y.Doc;
  /** The class journals of the year (those that do not list the student are skipped). */
  journals: ReadonlyArray<{ classId: ClassId; doc: Y.Doc }>;
  studentId: StudentId;
  /** DIARY-6: corrections of the student's marks, by the diary's mark key `lessonId:place`. */
  corrections?: ReadonlyMap<string, { was: MarkValue[]; at: number }>;
  /** The school's notices to the family, by id. */
  notices?: ReadonlyArray<DiaryNotice & { id: string }>;
}

interface Stint {
  classId: ClassId;
  journal: Y.Doc;
  student: Student;
  className: string;
  grade: number;
}

/**
 * DIARY-2: the whole diary of one student, as plain JSON: every lesson they had in each class
 * they were in this year (ATT-5: enrolled that day, their group, their individual plan), its
 * topic and homework; their marks, absences, notes to the family (NOTE-4) and finals; the school year's periods, holidays and
 * control works as they concern them; the names of the subjects and teachers it mentions. A pure
 * function of the documents, so that the projection kept live and a rebuild from the store agree
 * (DIARY-4). Null when no journal of the year lists the student.
 *
 * DIARY-3: it reads only this student's entries: nothing in it names another student.
 */
export function projectDiary(src: DiarySource): DiaryState | null {
  const { school, studentId } = src;
  const year = readSchoolMeta(school);
  if (!year) return null;
  const stints: Stint[] = [];
  for (const { classId, doc } of src.journals) {
    const student = listStudents(doc).find((s) => s.id === studentId);
    if (!student) continue;
    const c = classes.get(school, classId);
    const meta = readJournalMeta(doc);
    stints.push({ classId, journal: doc, student, className: c?.name ?? meta?.className ?? classId, grade: c?.grade ?? meta?.grade ?? 0 });
  }
  if (stints.length === 0) return null;
  // The class they are in now, else the one they left last.
  stints.sort((a, b) => (a.student.enrolledOn ?? '').localeCompare(b.student.enrolledOn ?? ''));
  const current = stints.find((s) => s.student.leftOn === null) ?? stints[stints.length - 1];
  const out = emptyDiaryState();
  const subjectIds = new Set<string>();
  const teacherIds = new Set<string>();
  for (const stint of stints) projectStint(school, stint, src, out, subjectIds, teacherIds);

  const spells: DiarySpell[] = stints.map((s) => ({
    classId: s.classId,
    className: s.className,
    from: s.student.enrolledOn,
    to: s.student.leftOn,
  }));
  const classTeacherId = classes.get(school, current.classId)?.classTeacherId ?? null;
  const info: DiaryInfo = {
    studentId,
    name: current.student.name,
    classId: current.classId,
    className: current.className,
    grade: current.grade,
    classTeacher: classTeacherId ? (staff.get(school, classTeacherId)?.name ?? null) : null,
    schoolName: year.schoolName,
    yearId: year.yearId,
    yearTitle: year.title,
    startsOn: year.startsOn,
    endsOn: year.endsOn,
    spells,
    minMarks: readMinMarksForFinal(school),
  };
  out.info.student = json(info);
  const columns = finalColumns(school, current.grade, null);
  const closed = (id: string) => isPeriodClosed(school, current.classId, id);
  // The year is closed once every study period of the grade is (DIARY-23 confirms it then).
  const yearClosed = columns.filter((c) => c.kind === 'period').every((c) => closed(c.id));
  for (const c of columns) {
    const shut = c.kind === 'year' ? yearClosed : closed(c.id);
    const p: DiaryPeriod = { name: c.name, kind: c.kind, startsOn: c.startsOn, endsOn: c.endsOn, closed: shut };
    out.periods[c.id] = json(p);
  }
  const hasExam = [...subjectIds].some((id) => subjects.get(school, id as SubjectId)?.examGrades?.includes(current.grade));
  if (hasExam) out.periods[EXAM_FINAL] = json(span(EXAM_FINAL_NAME, 'exam', year.startsOn, year.endsOn));
  if (hasLeavingFinal(current.grade)) out.periods[LEAVING_FINAL] = json(span(LEAVING_FINAL_NAME, 'final', year.startsOn, year.endsOn));
  for (const [id, h] of holidays.all(school)) {
    if (holidayCovers(h, current.grade)) out.holidays[id] = json({ name: h.name, startsOn: h.startsOn, endsOn: h.endsOn });
  }
  for (const id of subjectIds) {
    const s = subjects.get(school, id as SubjectId);
    out.subjects[id] = json({ name: s?.name ?? id, system: markingOf(s, current.grade) });
  }
  for (const id of teacherIds) out.teachers[id] = json({ name: staff.get(school, id)?.name ?? '' });
  for (const n of src.notices ?? []) out.notices[n.id] = json({ text: n.text, at: n.at, from: n.from });
  return out;
}

function projectStint(
  school: Y.Doc,
  stint: Stint,
  src: DiarySource,
  out: DiaryState,
  subjectIds: Set<string>,
  teacherIds: Set<string>,
): void {
  const { journal, student, classId } = stint;
  const shared = classDiary(school, journal, classId);
  const lessonDates = new Map<string, { subjectId: string; teacherId: string | null }>();
  for (const c of shared.lessons) {
    const l = c.lesson;
    if (!hadLesson(student, l)) continue;
    const teacherId = l.substituteId ?? l.teacherId;
    const lesson: DiaryLesson = {
      classId,
      date: l.date,
      slot: l.slot,
      start: c.start,
      end: c.end,
      subjectId: l.subjectId,
      group: c.group,
      teacherId,
      substitute: l.substituteId !== null,
      movedFrom: l.movedFrom ?? null,
      movedTo: l.movedTo ?? null,
      topic: c.topic,
      homework: c.homework,
      homeworkDue: c.homework === '' ? null : c.nextDate,
      control: c.control,
    };
    out.lessons[l.id] = json(lesson);
    lessonDates.set(l.id, { subjectId: l.subjectId, teacherId });
    subjectIds.add(l.subjectId);
    if (teacherId) teacherIds.add(teacherId);
    const mark = readAbsence(journal, l.id, student.id);
    if (mark) {
      const absence: DiaryAbsence = { date: l.date, subjectId: l.subjectId, mark, reason: readAbsenceReason(journal, student.id, l.date) };
      out.attendance[l.id] = json(absence);
    }
  }
  for (const m of studentMarks(shared, student.id)) {
    const parsed = parseLessonId(m.lessonId);
    if (!parsed) continue;
    const known = lessonDates.get(m.lessonId);
    const key = `${m.lessonId}:${m.place}`;
    const given: DiaryMark = {
      lessonId: m.lessonId,
      date: parsed.date,
      subjectId: known?.subjectId ?? parsed.subjectId,
      value: m.value,
      workType: workTypes.get(school, m.workType)?.name ?? m.workType,
      weight: m.weight,
      comment: m.comment,
      teacherId: known?.teacherId ?? null,
      corrected: src.corrections?.get(key) ?? null,
    };
    out.marks[key] = json(given);
    subjectIds.add(given.subjectId);
  }
  // NOTE-4: the notes to this student's family, and nobody else's (DIARY-3).
  for (const n of studentNotes(shared, student.id)) {
    const parsed = parseLessonId(n.lessonId);
    if (!parsed) continue;
    const known = lessonDates.get(n.lessonId);
    const note: DiaryNote = {
      lessonId: n.lessonId,
      date: parsed.date,
      subjectId: known?.subjectId ?? parsed.subjectId,
      teacherId: known?.teacherId ?? null,
      text: n.text,
    };
    out.notes[n.lessonId] = json(note);
    subjectIds.add(note.subjectId);
  }
  for (const [subjectId, periodId, value] of shared.finalsOf.get(student.id) ?? []) {
    if (!isFinalValue(value)) continue;
    const f: DiaryFinal = { subjectId, periodId, value };
    out.finals[`${subjectId}:${periodId}`] = json(f);
    subjectIds.add(subjectId);
  }
  for (const [id, w] of plannedControlWorks.all(school)) {
    if (w.classId !== classId || !isEnrolledOn(student, w.date) || !isInGroup(student, w.groupId as never, w.date, w.subjectId)) continue;
    const c: DiaryControl = { date: w.date, subjectId: w.subjectId };
    out.controls[id] = json(c);
    subjectIds.add(w.subjectId);
  }
}

function span(name: string, kind: DiaryPeriod['kind'], startsOn: IsoDate, endsOn: IsoDate): DiaryPeriod {
  return { name, kind, startsOn, endsOn, closed: false };
}

/** The records are plain objects of JSON values; the cast says so once. */
const json = (v: object): JsonValue => v as unknown as JsonValue;
