import * as Y from 'yjs';
import {
  addDays,
  change,
  initJournal,
  journalDocName,
  latinize,
  schoolDocName,
  type ClassId,
  type GroupId,
  type IsoDate,
  type SchoolId,
  type SubjectId,
  type UserId,
} from '../model/index.ts';
import { HOURS, type HoursTable } from '../sync-server/demo/curriculum.ts';
import { DEMO_ORIGIN, seededDoc } from '../sync-server/demo/demo-school.ts';
import { DEMO_PROFILE, fillJournal } from '../sync-server/demo/fill-journal.ts';
import { writeKtp } from '../sync-server/demo/ktp-builder.ts';
import { Rng } from '../sync-server/demo/random.ts';
import { makeRoster, writeRoster } from '../sync-server/demo/roster.ts';
import { fullName, studentNames } from '../sync-server/demo/russian-names.ts';
import {
  writeClass,
  writeStaff,
  writeYearStructure,
  YEAR_END,
  YEAR_ID,
  type ClassPlan,
  type GroupPlan,
} from '../sync-server/demo/school-structure.ts';
import { buildTimetable, writeTimetable } from '../sync-server/demo/timetable-builder.ts';

/**
 * A 40-class school of grades 1–11 for issue 16's year-switch figures, built like the demo
 * school (sync-server/demo/demo-school.ts) from the same pieces and through the same accessors:
 * four classes a grade in 1–9 and two in 10–11, about 25 students each, a class teacher for
 * each primary class, subject teachers for the rest, a clash-free timetable, every КТП, and
 * journals filled for the whole year at the demo's activity, so that the switch archives
 * documents the size a real year leaves.
 */

export const SCHOOL_ID = 'bench' as SchoolId;
const LETTERS = ['А', 'Б', 'В', 'Г'];
const LETTERS_OF_GRADE = (grade: number) => (grade <= 9 ? 4 : 2);
const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const PRIMARY = 16;
const SUBJECT_TEACHERS = 60;
/** The curriculum has three bands (curriculum.ts: grades 1, 5, 10); each grade takes its band's. */
const band = (grade: number) => (grade <= 4 ? 1 : grade <= 9 ? 5 : 10);
const DAILY: Record<number, number[]> = { 1: [5, 4, 4, 4, 4], 5: [6, 6, 5, 5, 5], 10: [7, 6, 6, 6, 6] };
const HOURS_BY_GRADE: HoursTable = Object.fromEntries(GRADES.map((g) => [g, HOURS[band(g)]]));
/** Taught by the class's own teacher in grades 1–4. */
const PRIMARY_SUBJECTS = new Set(['rus', 'litread', 'math', 'world', 'art', 'tech']);

export interface Person {
  id: UserId;
  login: string;
  name: string;
}

export interface BuiltSchool {
  school: Y.Doc;
  /** Each journal as the log a year of teaching leaves it is built by the caller (one update per lesson). */
  journals: Map<ClassId, Y.Doc>;
  teachers: Person[];
  /** The subject teacher with the most classes: whose `/api/me` the bench reads. */
  busiestTeacher: Person;
  stats: { classes: number; students: number; lessons: number; marks: number; absences: number; finals: number };
}

function teachers(rng: Rng): Person[] {
  const names = new Set<string>();
  while (names.size < PRIMARY + SUBJECT_TEACHERS) {
    const [p] = studentNames(rng, 1);
    names.add(fullName(p));
  }
  return [...names].map((name, i) => {
    const login = `t${String(i + 1).padStart(2, '0')}`;
    return { id: `u-${login}` as UserId, login, name };
  });
}

/** Subject teachers shared in proportion to each subject's weekly hours over the school. */
function subjectPools(subjectTeachers: readonly UserId[]): Map<string, UserId[]> {
  const need = new Map<string, number>();
  for (const grade of GRADES) {
    for (const [subject, hours] of Object.entries(HOURS_BY_GRADE[grade])) {
      if (grade <= 4 && PRIMARY_SUBJECTS.has(subject)) continue;
      const groups = subject === 'eng' && grade >= 5 ? 2 : 1;
      need.set(subject, (need.get(subject) ?? 0) + hours * groups * LETTERS_OF_GRADE(grade));
    }
  }
  const total = [...need.values()].reduce((a, b) => a + b, 0);
  const spare = subjectTeachers.length - need.size;
  const counts = [...need].map(([subject, h]) => ({ subject, n: 1 + Math.floor((h / total) * spare), rest: ((h / total) * spare) % 1 }));
  let left = subjectTeachers.length - counts.reduce((a, c) => a + c.n, 0);
  for (const c of [...counts].sort((a, b) => b.rest - a.rest)) if (left-- > 0) c.n++;
  const pools = new Map<string, UserId[]>();
  let next = 0;
  for (const { subject, n } of counts) pools.set(subject, subjectTeachers.slice(next, (next += n)));
  return pools;
}

function classPlans(staff: readonly Person[]): ClassPlan[] {
  const primary = staff.slice(0, PRIMARY).map((p) => p.id);
  const subjectTeachers = staff.slice(PRIMARY).map((p) => p.id);
  const pools = subjectPools(subjectTeachers);
  const hours = new Map<UserId, number>();
  const leastLoaded = (subject: string, except?: UserId) =>
    pools
      .get(subject)!
      .filter((t) => t !== except)
      .sort((a, b) => (hours.get(a) ?? 0) - (hours.get(b) ?? 0))[0];
  const plans: ClassPlan[] = [];
  for (const grade of GRADES) {
    for (const letter of LETTERS.slice(0, LETTERS_OF_GRADE(grade))) {
      const name = `${grade}${letter}`;
      const classId = latinize(name) as ClassId;
      const own = grade <= 4 ? primary[plans.length] : null;
      const streams = Object.entries(HOURS_BY_GRADE[grade]).map(([subjectId, h]) => {
        const groups: GroupPlan[] = [];
        if (subjectId === 'eng' && grade >= 5) {
          const a = leastLoaded('eng');
          const b = leastLoaded('eng', a);
          groups.push({ groupId: `${classId}-en1` as GroupId, name: '1 группа', teacherId: a, room: '25' });
          groups.push({ groupId: `${classId}-en2` as GroupId, name: '2 группа', teacherId: b, room: '26' });
        } else {
          const teacherId = own && PRIMARY_SUBJECTS.has(subjectId) ? own : leastLoaded(subjectId);
          groups.push({ groupId: 'all' as GroupId, teacherId, room: String(10 + (plans.length % 30)) });
        }
        for (const g of groups) hours.set(g.teacherId, (hours.get(g.teacherId) ?? 0) + h);
        return { subjectId: subjectId as SubjectId, hours: h, groups };
      });
      const classTeacherId = own ?? subjectTeachers[plans.length % subjectTeachers.length];
      plans.push({ classId, name, grade, classTeacherId, daily: DAILY[band(grade)], streams });
    }
  }
  return plans;
}

/** The whole school, its journals taught to the end of the year (every period's finals set). */
export function buildSchool(seed = 20260916): BuiltSchool {
  const rng = new Rng(seed);
  const staff = teachers(rng.fork('staff'));
  const plans = classPlans(staff);
  const school = seededDoc(rng);
  change(school, DEMO_ORIGIN, () => {
    writeYearStructure(school, SCHOOL_ID, 'МБОУ СОШ № 16', HOURS_BY_GRADE);
    writeStaff(school, staff);
    for (const plan of plans) writeClass(school, plan);
    writeTimetable(school, buildTimetable(plans, rng.fork('timetable')));
    writeKtp(school, plans, rng.fork('ktp'));
  });
  const stats = { classes: plans.length, students: 0, lessons: 0, marks: 0, absences: 0, finals: 0 };
  const journals = new Map<ClassId, Y.Doc>();
  const until: IsoDate = addDays(YEAR_END, 1);
  plans.forEach((plan, i) => {
    const classRng = rng.fork(plan.classId);
    const journal = seededDoc(classRng);
    const eng = plan.streams.find((s) => s.subjectId === 'eng' && s.groups.length === 2)?.groups;
    // Some classes lose a student in the year and some gain one, as the demo's 5Б does.
    const students = makeRoster(
      {
        size: classRng.int(23, 27),
        splits: eng ? [[eng[0].groupId, eng[1].groupId]] : [],
        left: i % 3 === 0 ? { on: '2027-02-10' as IsoDate } : undefined,
        arrived: i % 5 === 0 ? { on: '2026-11-09' as IsoDate } : undefined,
      },
      classRng.fork('roster'),
    );
    const filled = change(journal, DEMO_ORIGIN, () => {
      initJournal(journal, { schoolId: SCHOOL_ID, classId: plan.classId, yearId: YEAR_ID, className: plan.name, grade: plan.grade });
      writeRoster(journal, students);
      return fillJournal({
        school,
        journal,
        classId: plan.classId,
        grade: plan.grade,
        students,
        until,
        profile: DEMO_PROFILE,
        rng: classRng.fork('fill'),
      });
    });
    stats.students += students.length;
    stats.lessons += filled.lessons;
    stats.marks += filled.marks;
    stats.absences += filled.absences;
    stats.finals += filled.finals;
    journals.set(plan.classId, journal);
  });
  const classesOf = new Map<UserId, number>();
  for (const p of plans) {
    for (const t of new Set(p.streams.flatMap((s) => s.groups.map((g) => g.teacherId)))) classesOf.set(t, (classesOf.get(t) ?? 0) + 1);
  }
  const busiest = staff.slice(PRIMARY).sort((a, b) => (classesOf.get(b.id) ?? 0) - (classesOf.get(a.id) ?? 0))[0];
  return { school, journals, teachers: staff, busiestTeacher: busiest, stats };
}

/** The stored names of the built school's documents. */
export const schoolName = () => schoolDocName(SCHOOL_ID, YEAR_ID);
export const journalName = (classId: ClassId) => journalDocName(classId, YEAR_ID);
