import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  classes,
  entryRows,
  entryVerdict,
  initJournal,
  ktpPlannedHours,
  monitorSchool,
  pageLessons,
  ReportParamError,
  type ClassId,
  type PageFigures,
  type TimedRow,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, grp, SCHOOL, YEAR } from '../model/fixtures.ts';
import { E1, journalsOf, L1, L2, L3, M1, monitoringSchool, MUSIC, TODAY } from './monitoring-fixture.ts';

const page = (pages: PageFigures[], subjectId: string, groupId = 'all') =>
  pages.find((p) => p.subjectId === subjectId && p.groupId === groupId)!;
const run = (grade = 7) => {
  const { school, journal, rows } = monitoringSchool(grade);
  return monitorSchool({ school, journals: journalsOf(journal), changes: new Map([[CLASS_7A, rows]]), today: TODAY });
};

describe('monitoring of how a journal is kept (MON-*)', () => {
  it('MON-1: lessons held up to yesterday (holiday out, substitution in), recorded, homework, attendance, substituted, empty', () => {
    const algebra = page(run().pages, ALGEBRA);
    // Algebra Mon/Wed from 4.11 to yesterday 13.11: 4.11, 6.11, (11.11 holiday), 13.11.
    expect(algebra).toMatchObject({ periodId: 'q2', from: '2024-11-04', to: '2024-11-13', teacherId: 't1' });
    expect(algebra.held).toEqual([L1, L2, L3]);
    expect(algebra.recorded).toEqual([L1, L2]);
    expect(algebra.withoutTopic).toEqual([L3]);
    // Homework only on L1; attendance: L1 has an absence, L2 «все присутствуют» (ATT-4), L3 nothing.
    expect(algebra.homework).toEqual([L1]);
    expect(algebra.withoutHomework).toEqual([L2, L3]);
    expect(algebra.attendance).toEqual([L1, L2]);
    expect(algebra.withoutAttendance).toEqual([L3]);
    // 13.11 slot 2 was substituted by t9 and nothing was written into it.
    expect(algebra.substituted).toEqual([L3]);
    expect(algebra.empty).toEqual([L3]);
  });

  it('MON-2: on time by the row that first set the topic (TIME-2, TIME-5); a correction does not move it; no row is unknown', () => {
    const { pages } = run();
    const algebra = page(pages, ALGEBRA);
    // L1 at 18:00 MSK — on time; L2 at 20:00 MSK — late (the next day's correction changes nothing).
    expect(algebra.recordedOnTime).toEqual([L1]);
    expect(algebra.recordedLate).toEqual([L2]);
    expect(algebra.recordedUnknown).toEqual([]);
    // Marks: L1 a (typed offline at 15:00 by a checked clock) and L1 b (test, 2 of 3 days) on time;
    // L2 a (next morning, server clock) late; L2 c has no row.
    expect([...algebra.marks].sort()).toEqual([`${L1}:a:0`, `${L1}:b:0`, `${L2}:a:0`, `${L2}:c:0`]);
    expect([...algebra.marksOnTime].sort()).toEqual([`${L1}:a:0`, `${L1}:b:0`]);
    expect(algebra.marksLate).toEqual([`${L2}:a:0`]);
    expect(algebra.marksUnknown).toEqual([`${L2}:c:0`]);
    // English: a topic and a mark loaded with the journal: unknown, neither on time nor late.
    const english = page(pages, ENGLISH, 'g1');
    expect(english.recordedUnknown).toEqual([E1]);
    expect(english.marksUnknown).toEqual([`${E1}:e:0`]);
  });

  it('MON-2: the entry is the row that last turned the path from empty into a value', () => {
    const r = (newValue: unknown, serverTime: number): TimedRow => ({
      path: 'lessons/x:topic',
      newValue,
      serverTime,
      clientTime: null,
      clockOffsetMs: null,
    });
    expect(entryRows([r('A', 1), r('B', 2)]).get('lessons/x:topic')!.serverTime).toBe(1);
    expect(entryRows([r('A', 1), r('', 2), r('C', 3)]).get('lessons/x:topic')!.serverTime).toBe(3);
    expect(entryRows([r('A', 1), r(null, 2)]).has('lessons/x:topic')).toBe(false);
    const { school } = monitoringSchool();
    expect(entryVerdict('lessons', 'x:topic', 'A', new Map(), school)).toBe('unknown');
  });

  it('MON-3: accumulation over students on the page at the end: the one who left is out, the newcomer is in; groups; pass/fail marks count', () => {
    const { pages } = run();
    // Algebra at 13.11: a, c, dd, e (b left 10.11). Marks: a 2 (L1, L2), c 1 (L2), dd and e none.
    const algebra = page(pages, ALGEBRA);
    expect(algebra.students).toEqual(['a', 'c', 'dd', 'e']);
    expect(algebra.noMarks).toEqual(['dd', 'e']);
    expect(algebra.oneMark).toEqual(['c']);
    // English g1: a and e; e has one mark, a none.
    const english = page(pages, ENGLISH, 'g1');
    expect(english.students).toEqual(['a', 'e']);
    expect(english.noMarks).toEqual(['a']);
    expect(english.oneMark).toEqual(['e']);
    // Music (pass/fail): зачёт and незачёт are marks: a, c, e one each; dd none.
    const music = page(pages, MUSIC);
    expect(music.held).toEqual([M1]);
    expect(music.marks.length).toBe(3);
    expect(music.oneMark).toEqual(['a', 'c', 'e']);
    expect(music.noMarks).toEqual(['dd']);
  });

  it('MON-3: grade 1 gets no marks: no accumulation to miss', () => {
    const { pages } = run(1);
    const algebra = page(pages, ALGEBRA);
    expect(algebra.marking).toBe('none');
    expect(algebra.noMarks).toEqual([]);
    expect(algebra.oneMark).toEqual([]);
  });

  it('MON-4: КТП hours planned for the stretch are the page’s lessons in it, while the plan has hours; done = lessons with a КТП item', () => {
    const { school, journal } = monitoringSchool();
    // Algebra: Sep 2024 Mon 2,9,16,23,30 + Wed 4,11,18,25 = 9; Oct Mon 7,14,21,28 + Wed 2,9,16,23,30 = 9 →
    // 18 before 4.11; up to 13.11 three more (11.11 is a holiday) = 21. Plan 60 h: 21 − 18 = 3.
    expect(page(run().pages, ALGEBRA)).toMatchObject({ ktpPlanned: 3, ktpDone: [L1], ktpMissing: [L2, L3] });
    // English g1 (Tuesdays): Sep 3,10,17,24 + Oct 1,8,15,22,29 = 9 before; 5.11, 12.11 → 11. Plan 10 h:
    // min(10, 11) − min(10, 9) = 1: the plan runs out in the period.
    const year = pageLessons(school, journal, CLASS_7A, ENGLISH, grp('g1'));
    expect(ktpPlannedHours(school, ENGLISH, 7, 't2' as never, year, d('2024-11-04'), d('2024-11-13'))).toBe(1);
    expect(page(run().pages, ENGLISH, 'g1').ktpPlanned).toBe(1);
    // Music has no plan: nothing planned.
    expect(page(run().pages, MUSIC).ktpPlanned).toBe(0);
  });

  it('MON-5: each class its period of today; an asked period of other grades leaves the class out with a note; bad ids are errors', () => {
    const { school, journal, rows } = monitoringSchool();
    const c10 = 'c10' as ClassId;
    classes.set(school, c10, { name: '10А', grade: 10, classTeacherId: null });
    classes.set(school, 'c9', { name: '9Б', grade: 9, classTeacherId: null });
    const j10 = new Y.Doc();
    initJournal(j10, { schoolId: SCHOOL, classId: c10, yearId: YEAR, className: '10А', grade: 10 });
    const journals = new Map([...journalsOf(journal), [c10, j10]]);
    const base = { school, journals, changes: new Map([[CLASS_7A, rows]]), today: TODAY };
    const now = monitorSchool(base);
    expect(now.classes.map((c) => [c.classId, c.periodId, c.to])).toEqual([
      ['c7a', 'q2', '2024-11-13'],
      ['c10', 'h1', '2024-11-13'],
    ]);
    expect(now.notes).toEqual(['Журнала класса 9Б на сервере нет: он не учтён.']);
    // Pages by subject name: Алгебра, Английский язык, Музыка.
    expect(now.pages.map((p) => p.subjectId)).toEqual([ALGEBRA, ENGLISH, MUSIC]);
    const q2 = monitorSchool({ ...base, periodId: 'q2' });
    expect(q2.classes.map((c) => c.classId)).toEqual(['c7a']);
    expect(q2.notes).toContain('10А: период «2 четверть» не для 10 класса — класс не учтён.');
    expect(() => monitorSchool({ ...base, periodId: 'q9' })).toThrow(ReportParamError);
    expect(() => monitorSchool({ ...base, classId: 'c7a', periodId: 'h1' })).toThrow('Неизвестный период «h1» для 7 класса');
    expect(() => monitorSchool({ ...base, classId: 'nope' })).toThrow('Неизвестный класс «nope»');
    // A period not yet begun counts nothing.
    const early = monitorSchool({ ...base, classId: 'c7a', today: d('2024-11-04') });
    expect(page(early.pages, ALGEBRA)).toMatchObject({ from: '2024-11-04', to: '2024-11-03', held: [], ktpPlanned: 0 });
  });
});
