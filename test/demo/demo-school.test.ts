import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allAssignments,
  allMarks,
  asDate,
  classes,
  groups,
  isAbsenceMark,
  isAbsenceReason,
  isEnrolledOn,
  isFinalValue,
  isInGroup,
  ktpHoursMismatch,
  ktpHoursTarget,
  ktpItems,
  ktpPlanSummary,
  markFromTuple,
  journalAccess,
  ktpFor,
  listStudents,
  pageLessons,
  parseLessonId,
  readJournalMeta,
  readLesson,
  rootMap,
  splitKey,
  subjects,
  substitutionsOf,
  timetableEntries,
  timetableHoursWarnings,
  weeklyHours,
  type ClassId,
  type GroupId,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import { HOURS } from '../../sync-server/demo/curriculum.ts';
import { buildDemoSchool, DEMO_LOGINS, DEMO_PASSWORD, type DemoSchool } from '../../sync-server/demo/demo-school.ts';
import { buildFullYearJournal } from '../../sync-server/demo/full-year.ts';

const TODAY = asDate('2026-11-25');
/** Compares encoded states as buffers: element-wise deep equality of a megabyte is slow. */
const same = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(a)).equals(Y.encodeStateAsUpdate(b));
let demo: DemoSchool;

beforeAll(() => {
  demo = buildDemoSchool({ seed: 7, today: TODAY });
});

const journal = (id: string) => demo.journals.get(id as ClassId)!;
let afterYear: DemoSchool | undefined;
/** The demo built after the year's end: every lesson taught, every final set. */
const lastDay = () => (afterYear ??= buildDemoSchool({ seed: 7, today: asDate('2027-08-15') }));

/** Every КТП of a school: teacher, subject and grade. */
function ktpPlans(school: Y.Doc): Array<{ teacherId: UserId; subjectId: SubjectId; grade: number }> {
  const plans = new Map<string, { teacherId: UserId; subjectId: SubjectId; grade: number }>();
  for (const [, k] of ktpItems.all(school)) plans.set(`${k.teacherId}:${k.subjectId}:${k.grade}`, k);
  return [...plans.values()];
}

describe('demo school', () => {
  it('has the logins and roles the README promises', () => {
    const byLogin = new Map(demo.users.map((u) => [u.login, u]));
    expect(byLogin.get('admin')?.roles).toEqual(['admin']);
    expect(byLogin.get('director')?.roles).toEqual(['director']);
    expect(byLogin.get('deputy')?.roles).toEqual(['deputy']);
    for (const login of ['teacher', 'classteacher', 'substitute']) expect(byLogin.get(login)?.roles).toEqual(['teacher']);
    expect(demo.users.length).toBeGreaterThanOrEqual(8);
    expect(new Set(demo.users.map((u) => u.id)).size).toBe(demo.users.length);
    expect(DEMO_LOGINS.map((l) => l.login)).toEqual(demo.users.map((u) => u.login));
    expect(DEMO_PASSWORD).toBe('demo');
  });

  it('has classes of grades 1, 5 and 10 with 22–28 students each', () => {
    const found = classes.all(demo.school).map(([id, c]) => [id, c.grade]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['1a', 1],
        ['5b', 5],
        ['10a', 10],
      ]),
    );
    for (const [id, j] of demo.journals) {
      expect(readJournalMeta(j)?.classId).toBe(id);
      const n = listStudents(j).length;
      expect(n).toBeGreaterThanOrEqual(22);
      expect(n).toBeLessThanOrEqual(28);
    }
  });

  it('splits English in 5Б into two groups with their own teachers, and moves students in and out', () => {
    const en = groups.all(demo.school).filter(([, g]) => g.classId === '5b' && g.subjectId === 'eng');
    expect(en.map(([id]) => id).sort()).toEqual(['5b-en1', '5b-en2']);
    const teachers = allAssignments(demo.school)
      .filter((a) => a.classId === '5b' && a.subjectId === 'eng')
      .map((a) => a.teacherId);
    expect(new Set(teachers).size).toBe(2);
    const students = listStudents(journal('5b'));
    for (const s of students) expect(s.groups.filter((g) => g.startsWith('5b-en'))).toHaveLength(1);
    expect(students.filter((s) => s.enrolledOn !== null)).toHaveLength(1);
    expect(students.filter((s) => s.leftOn !== null)).toHaveLength(1);
  });

  it('gives grade 1 no marks and no homework, but records its lessons', () => {
    const j = journal('1a');
    expect(rootMap(j, 'marks').size).toBe(0);
    expect(rootMap(j, 'finals').size).toBe(0);
    let topics = 0;
    rootMap(j, 'lessons').forEach((v, k) => {
      const field = splitKey(k)[1];
      if (field === 'homework') expect(v).toBe('');
      if (field === 'topic' && v) topics++;
    });
    expect(topics).toBeGreaterThan(100);
  });

  it('registers the substitute for the main teacher: in the past two weeks, today or next, and later', () => {
    const substitute = 'u-substitute' as UserId;
    const subs = substitutionsOf(demo.school, substitute);
    expect(subs.length).toBeGreaterThanOrEqual(3);
    expect(subs.every((s) => s.absentTeacherId === 'u-teacher' && s.classId === '5b' && s.subjectId === 'math')).toBe(true);
    const past = subs.filter((s) => s.date < TODAY && s.date >= '2026-11-11');
    expect(past.length).toBeGreaterThanOrEqual(1);
    expect(subs.some((s) => s.date >= TODAY && s.date <= '2026-11-26')).toBe(true);
    expect(subs.some((s) => s.date > '2026-11-26')).toBe(true);
    const page = pageLessons(demo.school, journal('5b'), '5b' as ClassId, 'math' as SubjectId, 'all' as GroupId);
    for (const s of past) {
      const lesson = page.find((l) => l.date === s.date && l.slot === s.slot)!;
      expect(readLesson(journal('5b'), lesson.id).substitute).toBe(substitute);
    }
    expect(journalAccess(demo.school, { userId: substitute, roles: ['teacher'] }, '5b' as ClassId)).toBe('write');
  });

  it('never puts a teacher in two classes at once, and teaches what the load says', () => {
    const seen = new Set<string>();
    const load = new Set(allAssignments(demo.school).map((a) => `${a.classId}:${a.subjectId}:${a.groupId}:${a.teacherId}`));
    for (const e of timetableEntries(demo.school)) {
      const key = `${e.teacherId}:${e.weekday}:${e.slot}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(load.has(`${e.classId}:${e.subjectId}:${e.groupId}:${e.teacherId}`)).toBe(true);
    }
  });

  it('YEAR-4: every subject has the curriculum table’s hours per week for the grades it is taught in, and none for others', () => {
    for (const [id, subject] of subjects.all(demo.school)) {
      const expected = Object.fromEntries(Object.entries(HOURS).flatMap(([grade, plan]) => (id in plan ? [[grade, plan[id]]] : [])));
      expect(subject.hours ?? {}, id).toEqual(expected);
    }
    expect(subjects.get(demo.school, 'math')?.hours).toEqual({ '1': 4, '5': 5 });
    expect(subjects.get(demo.school, 'rus')?.hours).toEqual({ '1': 5, '5': 5, '10': 2 });
  });

  it('SETUP-19: the timetable gives every subject of every class, every English group too, its hours per week', () => {
    for (const classId of ['1a', '5b', '10a']) {
      const rows = weeklyHours(demo.school, classId);
      const grade = classes.get(demo.school, classId)!.grade;
      expect(rows.length, classId).toBe(Object.keys(HOURS[grade]).length + (classId === '5b' ? 1 : 0));
      for (const r of rows)
        expect([r.planned, r.scheduled], `${classId} ${r.subjectId} ${r.groupId}`).toEqual([HOURS[grade][r.subjectId], r.planned]);
      expect(timetableHoursWarnings(demo.school, classId)).toEqual([]);
    }
  });

  it('SETUP-21: every КТП totals its curriculum hours (hours per week × 34 weeks), whatever the timetable gives its page', () => {
    const plans = ktpPlans(demo.school);
    // 8 subjects of 1А, 12 of 5Б with two English teachers, 16 of 10А.
    expect(plans).toHaveLength(37);
    for (const p of plans) {
      const { total, target } = ktpPlanSummary(demo.school, p.teacherId, p.subjectId, p.grade);
      expect(target, `${p.subjectId} ${p.grade}`).toMatchObject({ source: 'curriculum', perWeek: HOURS[p.grade][p.subjectId], weeks: 34 });
      expect(total, `${p.subjectId} ${p.grade}`).toBe(HOURS[p.grade][p.subjectId] * 34);
      const check = ktpHoursTarget(demo.school, p.teacherId, p.subjectId, p.grade, total);
      expect(ktpHoursMismatch(check, total, String), `${p.subjectId} ${p.grade}`).toBeUndefined();
    }
    // 5Б's mathematics: 5 h a week × 34 weeks.
    expect(ktpPlanSummary(demo.school, 'u-teacher' as UserId, 'math' as SubjectId, 5)).toMatchObject({ total: 170, difference: 0 });
  });

  it('teaches every КТП topic by the year’s end, works included, though the timetable gives a few lessons more or fewer', () => {
    const { school, journals } = lastDay();
    let short = 0;
    for (const [classId, j] of journals) {
      const grade = classes.get(school, classId)!.grade;
      for (const a of allAssignments(school).filter((x) => x.classId === classId)) {
        const lessons = pageLessons(school, null, classId, a.subjectId, a.groupId);
        const plan = ktpFor(school, a.subjectId, grade, a.teacherId);
        if (lessons.length < plan.reduce((n, [, k]) => n + k.hours, 0)) short++;
        const taught = new Set<string | null>(lessons.map((l) => readLesson(j, l.id).ktpItemId));
        for (const [id, k] of plan) expect(taught.has(id), `${classId} ${a.subjectId} ${a.groupId}: «${k.title}»`).toBe(true);
      }
    }
    expect(short).toBeGreaterThan(10);
  });

  it('plans 30+ topics with control works for mathematics 5, Russian 5 and algebra 10', () => {
    for (const [subject, grade] of [
      ['math', 5],
      ['rus', 5],
      ['alg', 10],
    ] as const) {
      const items = ktpFor(demo.school, subject as SubjectId, grade);
      expect(items.length).toBeGreaterThanOrEqual(30);
      expect(items.some(([, k]) => k.kind === 'control')).toBe(true);
    }
  });

  it('stores only valid marks, absences, reasons and finals under parsable lesson ids', () => {
    for (const [classId, j] of demo.journals) {
      const students = new Map(listStudents(j).map((s) => [s.id as string, s]));
      rootMap(j, 'lessons').forEach((_, k) => expect(parseLessonId(splitKey(k)[0]), k).not.toBeNull());
      rootMap(j, 'marks').forEach((v, k) => {
        expect(markFromTuple(v), k).not.toBeNull();
        const [lesson, student] = splitKey(k);
        const key = parseLessonId(lesson)!;
        expect(key.date < TODAY).toBe(true);
        const s = students.get(student)!;
        expect(isEnrolledOn(s, key.date) && isInGroup(s, key.groupId), `${classId} ${k}`).toBe(true);
      });
      rootMap(j, 'attendance').forEach((v, k) => {
        expect(isAbsenceMark(v)).toBe(true);
        expect(parseLessonId(splitKey(k)[0])).not.toBeNull();
      });
      rootMap(j, 'reasons').forEach((v) => expect(isAbsenceReason(v)).toBe(true));
      rootMap(j, 'finals').forEach((v) => expect(isFinalValue((v as { v: unknown }).v)).toBe(true));
    }
  });

  it('leans marks to 4s and 5s, gives pass/fail marks in ОДНКНР and sets first-quarter finals', () => {
    const marks = allMarks(journal('5b'));
    const count = (v: unknown) => marks.filter((m) => m.value === v).length;
    expect(count(4) + count(5)).toBeGreaterThan(2 * count(3));
    expect(count(2)).toBeLessThan(count(3));
    expect(marks.filter((m) => m.lessonId.includes('.odnknr.')).every((m) => m.value === 'P' || m.value === 'F')).toBe(true);
    let q1 = 0;
    rootMap(journal('5b'), 'finals').forEach((_, k) => (q1 += Number(splitKey(k)[2] === 'q1')));
    expect(q1).toBeGreaterThan(200);
    expect(rootMap(journal('10a'), 'finals').size).toBe(0);
  });

  it('marks 3–5% of student-lessons absent or late, most days with a reason', () => {
    const j = journal('5b');
    const students = listStudents(j);
    let places = 0;
    for (const a of allAssignments(demo.school).filter((x) => x.classId === '5b')) {
      for (const l of pageLessons(demo.school, null, '5b' as ClassId, a.subjectId, a.groupId)) {
        if (l.date < TODAY) places += students.filter((s) => isEnrolledOn(s, l.date) && isInGroup(s, a.groupId)).length;
      }
    }
    const share = rootMap(j, 'attendance').size / places;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.05);
    expect(rootMap(j, 'reasons').size).toBeGreaterThan(0);
  });

  it('is byte-identical for one seed and differs for another', () => {
    const again = buildDemoSchool({ seed: 7, today: TODAY });
    expect(same(again.school, demo.school)).toBe(true);
    for (const [id, j] of demo.journals) expect(same(again.journals.get(id)!, j), id).toBe(true);
    const other = buildDemoSchool({ seed: 8, today: TODAY });
    expect(same(other.school, demo.school)).toBe(false);
    expect(same(other.journals.get('5b' as ClassId)!, journal('5b'))).toBe(false);
  });

  it('copes with the first and the last day of the year', () => {
    const first = buildDemoSchool({ seed: 7, today: asDate('2026-09-01') });
    expect(rootMap(first.journals.get('5b' as ClassId)!, 'marks').size).toBe(0);
    expect(substitutionsOf(first.school, 'u-substitute' as UserId).length).toBeGreaterThanOrEqual(2);
    const last = lastDay();
    let finals = 0;
    rootMap(last.journals.get('10a' as ClassId)!, 'finals').forEach((_, k) => (finals += Number(splitKey(k)[2] === 'h2')));
    // After the year every period is over, the last one included.
    expect(finals).toBeGreaterThan(200);
  });
});

describe('full-year benchmark journal', () => {
  it('lands within 10% of 1,100 lessons, 13,000 marks and 2,000 absences', () => {
    const started = performance.now();
    const { journal: j, school, stats } = buildFullYearJournal({ seed: 1 });
    const ms = performance.now() - started;
    const size = Y.encodeStateAsUpdate(j).byteLength;
    console.log(`full-year journal: ${JSON.stringify(stats)}, ${size} bytes encoded, built in ${Math.round(ms)} ms`);
    expect(stats.students).toBe(35);
    expect(stats.subjects).toBe(16);
    const near = (v: number, target: number) => expect(Math.abs(v - target) / target, `${v} vs ${target}`).toBeLessThanOrEqual(0.1);
    near(stats.lessons, 1100);
    near(stats.marks, 13000);
    near(stats.absences, 2000);
    expect(allMarks(j)).toHaveLength(stats.marks);
    expect(rootMap(j, 'attendance').size).toBe(stats.absences);
    // A mathematics profile: 3 h of Russian and 5 h of algebra a week, which its КТП total (SETUP-21).
    expect(subjects.get(school, 'rus')?.hours).toEqual({ '10': 3 });
    for (const p of ktpPlans(school)) expect(ktpPlanSummary(school, p.teacherId, p.subjectId, p.grade).difference, p.subjectId).toBe(0);
    expect(ktpPlanSummary(school, 'u-teacher' as UserId, 'alg' as SubjectId, 10).total).toBe(170);
  });
});
