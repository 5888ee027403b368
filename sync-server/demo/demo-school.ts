/**
 * The demo school «МБОУ СОШ № 7», year 2026/27: staff with logins for every role, classes 1А,
 * 5Б and 10А with rosters, timetable, КТП and substitutions, and journals filled up to
 * `today` as their teachers would have filled them. Pure and deterministic from a seed: no IO.
 */
import * as Y from 'yjs';
import {
  addDays,
  asDate,
  change,
  classes,
  initJournal,
  pageLessons,
  randomId,
  substitutions,
  timetableEntries,
  weekday,
  type ClassId,
  type GroupId,
  type IsoDate,
  type SchoolId,
  type YearId,
} from '../../model/index.ts';
import { currentClock, localDateOf } from '../clock.ts';
import { HOURS, subjectId } from './curriculum.ts';
import { demoClassPlans, demoStaffSpecs, DEMO_USERS, ENGLISH_GROUPS, userId, type DemoUser } from './demo-staff.ts';
import { DEMO_PROFILE, fillJournal } from './fill-journal.ts';
import { writeKtp } from './ktp-builder.ts';
import { Rng } from './random.ts';
import { makeRoster, writeRoster } from './roster.ts';
import { writeClass, writeStaff, writeYearStructure, YEAR_END, YEAR_ID, YEAR_START } from './school-structure.ts';
import { buildTimetable, writeTimetable } from './timetable-builder.ts';

export { DEMO_LOGINS, DEMO_USERS, type DemoUser } from './demo-staff.ts';

/** Every demo user's password. */
export const DEMO_PASSWORD = 'demo';
export const DEMO_SCHOOL_ID = 'demo' as SchoolId;
export const DEMO_SEED = 20260901;
/** The origin of the demo's transactions, so that observers can tell seeding from editing. */
export const DEMO_ORIGIN = 'demo-seed';

export interface DemoSchool {
  schoolId: SchoolId;
  yearId: YearId;
  users: DemoUser[];
  school: Y.Doc;
  journals: Map<ClassId, Y.Doc>;
}

/**
 * Today, clamped into the school year. After the year it becomes the day after the last one,
 * so that the whole year is taught and the last period's finals are set.
 */
export function clampIntoYear(date: IsoDate): IsoDate {
  const after = addDays(YEAR_END, 1);
  return date < YEAR_START ? YEAR_START : date > after ? after : date;
}

/** A Y.Doc whose client id comes from the seed, so that one seed encodes to the same bytes. */
export function seededDoc(rng: Rng): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = rng.clientId();
  return doc;
}

/**
 * Registers `substitute` for three of `teacher`'s mathematics lessons in 5Б: one in the two
 * weeks before today (the journal shows it filled by the substitute), one today or on the
 * next school day, and one in the weeks ahead. Only lessons the substitute is free for.
 */
function registerSubstitutions(school: Y.Doc, today: IsoDate, rng: Rng): void {
  const classId = '5b' as ClassId;
  const math = subjectId('math');
  const substitute = userId('substitute');
  const busy = new Set(
    timetableEntries(school)
      .filter((e) => e.teacherId === substitute)
      .map((e) => `${e.weekday}:${e.slot}`),
  );
  const free = pageLessons(school, null, classId, math, 'all' as GroupId).filter((l) => !busy.has(`${weekday(l.date)}:${l.slot}`));
  const past = free.filter((l) => l.date < today && l.date >= addDays(today, -14));
  const ahead = free.filter((l) => l.date >= addDays(today, 7) && l.date <= addDays(today, 21));
  const picks = [
    past.length > 0 ? rng.pick(past) : undefined,
    free.find((l) => l.date >= today),
    ahead.length > 0 ? rng.pick(ahead) : free.find((l) => l.date > addDays(today, 2)),
  ];
  for (const l of new Set(picks)) {
    if (!l) continue;
    substitutions.set(school, randomId(8, rng.next), {
      date: l.date,
      slot: l.slot,
      classId,
      subjectId: math,
      groupId: l.groupId,
      teacherId: substitute,
      absentTeacherId: userId('teacher'),
    });
  }
}

export function buildDemoSchool(opts: { seed?: number; today?: IsoDate } = {}): DemoSchool {
  const rng = new Rng(opts.seed ?? DEMO_SEED);
  const today = clampIntoYear(opts.today ?? localDateOf(currentClock()()));
  const plans = demoClassPlans();
  const school = seededDoc(rng);
  change(school, DEMO_ORIGIN, () => {
    writeYearStructure(school, DEMO_SCHOOL_ID, 'МБОУ СОШ № 7', HOURS);
    writeStaff(school, demoStaffSpecs());
    for (const plan of plans) writeClass(school, plan);
    writeTimetable(school, buildTimetable(plans, rng.fork('timetable')));
    writeKtp(school, plans, rng.fork('ktp'));
    registerSubstitutions(school, today, rng.fork('substitutions'));
  });

  const journals = new Map<ClassId, Y.Doc>();
  for (const plan of plans) {
    const classRng = rng.fork(plan.classId);
    const journal = seededDoc(classRng);
    const is5b = plan.classId === '5b';
    const students = makeRoster(
      {
        size: { 1: 25, 5: 26, 10: 24 }[plan.grade] ?? 25,
        splits: is5b ? [[ENGLISH_GROUPS.en1, ENGLISH_GROUPS.en2]] : [],
        arrived: is5b ? { on: asDate('2026-11-09') } : undefined,
        left: is5b ? { on: asDate('2026-10-16') } : undefined,
      },
      classRng.fork('roster'),
    );
    change(journal, DEMO_ORIGIN, () => {
      initJournal(journal, {
        schoolId: DEMO_SCHOOL_ID,
        classId: plan.classId,
        yearId: YEAR_ID,
        className: classes.get(school, plan.classId)!.name,
        grade: plan.grade,
      });
      writeRoster(journal, students);
      fillJournal({
        school,
        journal,
        classId: plan.classId,
        grade: plan.grade,
        students,
        until: today,
        profile: DEMO_PROFILE,
        rng: classRng.fork('fill'),
      });
    });
    journals.set(plan.classId, journal);
  }
  return { schoolId: DEMO_SCHOOL_ID, yearId: YEAR_ID, users: DEMO_USERS.map((u) => ({ ...u, roles: [...u.roles] })), school, journals };
}
