/**
 * A benchmark journal: one class of 35 students with the 16 subjects of grade 10, its whole
 * school year recorded (≈1,100 lessons, ≈13,000 marks, ≈2,000 absences). Built from the same
 * pieces and through the same accessors as the demo school, with a busier teacher profile:
 * more students answer each lesson and more written works are marked for the whole class.
 */
import type * as Y from 'yjs';
import { addDays, change, initJournal, type ClassId } from '../../model/index.ts';
import { DEMO_ORIGIN, DEMO_SCHOOL_ID, seededDoc } from './demo-school.ts';
import { demoClassPlans, demoStaffSpecs } from './demo-staff.ts';
import { fillJournal, type FillProfile } from './fill-journal.ts';
import { writeKtp } from './ktp-builder.ts';
import { Rng } from './random.ts';
import { makeRoster, writeRoster } from './roster.ts';
import { writeClass, writeStaff, writeYearStructure, YEAR_END, YEAR_ID, type ClassPlan } from './school-structure.ts';
import { buildTimetable, writeTimetable } from './timetable-builder.ts';

/** Tuned so that a 35-student class of grade 10 lands on the benchmark's targets. */
export const FULL_YEAR_PROFILE: FillProfile = { oralMarks: [3, 7], writtenShare: 0.19, rate: 0.054, explained: 0.9 };

const PROFILE_HOURS: Readonly<Record<string, number>> = { rus: 1, alg: 1 };

export interface FullYearStats {
  students: number;
  subjects: number;
  lessons: number;
  marks: number;
  absences: number;
}

export function buildFullYearJournal(opts: { seed?: number } = {}): {
  school: Y.Doc;
  journal: Y.Doc;
  classId: ClassId;
  stats: FullYearStats;
} {
  const rng = new Rng(opts.seed ?? 1);
  const classId = '10b' as ClassId;
  // The demo's 10А, teachers and all, under another name, as a mathematics profile class:
  // one more hour of Russian and of algebra, 33 a week, within the 34 that SanPiN allows a five-day week.
  const base = demoClassPlans().find((p) => p.grade === 10)!;
  const streams = base.streams.map((s) => ({ ...s, hours: s.hours + (PROFILE_HOURS[s.subjectId] ?? 0) }));
  const plan: ClassPlan = { ...base, classId, name: '10Б', daily: [7, 7, 7, 6, 6], streams };
  // Its curriculum is the profile one, so that the КТП totals the hours its timetable carries out.
  const hours = { [plan.grade]: Object.fromEntries(streams.map((s) => [s.subjectId, s.hours])) };
  const school = seededDoc(rng);
  change(school, DEMO_ORIGIN, () => {
    writeYearStructure(school, DEMO_SCHOOL_ID, 'МБОУ СОШ № 7', hours);
    writeStaff(school, demoStaffSpecs());
    writeClass(school, plan);
    writeTimetable(school, buildTimetable([plan], rng.fork('timetable')));
    writeKtp(school, [plan], rng.fork('ktp'));
  });
  const journal = seededDoc(rng);
  const students = makeRoster({ size: 35 }, rng.fork('roster'));
  const filled = change(journal, DEMO_ORIGIN, () => {
    initJournal(journal, { schoolId: DEMO_SCHOOL_ID, classId, yearId: YEAR_ID, className: plan.name, grade: plan.grade });
    writeRoster(journal, students);
    return fillJournal({
      school,
      journal,
      classId,
      grade: plan.grade,
      students,
      until: addDays(YEAR_END, 1),
      profile: FULL_YEAR_PROFILE,
      rng: rng.fork('fill'),
    });
  });
  const stats: FullYearStats = {
    students: students.length,
    subjects: plan.streams.length,
    lessons: filled.lessons,
    marks: filled.marks,
    absences: filled.absences,
  };
  return { school, journal, classId, stats };
}
