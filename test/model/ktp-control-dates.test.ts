import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  asDate,
  classes,
  controlWorkClashes,
  controlWorkRecordProblems,
  holidays,
  ktpItems,
  moveKey,
  moves,
  plannedControlWorks,
  setTimetableEntry,
  type ControlWork,
} from '../../model/index.ts';
import {
  controlWorkOrigin,
  ktpBeyondYearWarnings,
  ktpControlDates,
  ktpControlWorksToAdd,
  sortControlWorks,
} from '../../model/school/ktp-control-dates.ts';
import { c, g, sub, u } from './import-fixture.ts';
import { ktpSchool, storeTopics, topic } from './ktp-fixture.ts';

/**
 * The КТП fixture (see `ktpSchool`): 5А has mathematics on Tuesdays, 8 lessons: 1, 8, 22, 29
 * September, 6, 13, 20, 27 October (15 September is a holiday). Смирнова's plan, counted one
 * lesson an hour (MON-4), lesson numbers from 0:
 *   k0 2 h → lessons 0–1; k1 control → 2 (22.09); k2 1,5 h → 3–4; k3 control → ⌊4,5⌋ = 4 (6.10,
 *   the lesson k2's last half hour shares); k4 2 h; k5 control → ⌊7,5⌋ = 7 (27.10);
 *   k6 control → 8: past the last lesson, the plan is longer than the year.
 * 5Б (Иванова, no plan of her own, so Смирнова's, SCH-4) gets mathematics on Wednesdays: 2, 9,
 * 16, 23, 30 September, 7, 14, 21, 28 October — 9 lessons: k1 → 16.09, k3 → 30.09, k5 → 21.10,
 * k6 → 28.10.
 */
function school(): Y.Doc {
  const doc = ktpSchool();
  storeTopics(
    doc,
    [
      topic(0, 'Натуральные числа', 2),
      topic(1, 'Контрольная работа № 1', 1, 'control'),
      topic(2, 'Дроби', 1.5),
      topic(3, 'Контрольная работа № 2', 1, 'control'),
      topic(4, 'Десятичные дроби', 2),
      topic(5, 'Контрольная работа № 3', 1, 'control'),
      topic(6, 'Итоговая контрольная работа', 1, 'control'),
    ],
    // Keys out of plan order: the plan is read by `order`.
    ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((k, i) => `${k}-${9 - i}`),
  );
  setTimetableEntry(doc, {
    classId: c('5b'),
    weekday: 3,
    slot: 2,
    subjectId: sub('math'),
    groupId: g('all'),
    teacherId: u('u-ivanova'),
    room: '',
  });
  return doc;
}

const k = (n: number) => `k${n}-${9 - n}`;
const dates = (doc: Y.Doc, classId: string) =>
  ktpControlDates(doc)
    .filter((x) => x.classId === classId)
    .map((x) => [x.date, x.ktpItemId]);

describe('КТП control works in the schedule (YEAR-11…13)', () => {
  it('YEAR-11: each control topic falls on the lesson of its first hour, counting the plan’s hours in order over the page’s lessons', () => {
    const doc = school();
    expect(dates(doc, '5a')).toEqual([
      ['2026-09-22', k(1)],
      ['2026-10-06', k(3)],
      ['2026-10-27', k(5)],
    ]);
    // SCH-4: Иванова has no plan of her own: 5Б follows the grade's, over its own lessons.
    expect(dates(doc, '5b')).toEqual([
      ['2026-09-16', k(1)],
      ['2026-09-30', k(3)],
      ['2026-10-21', k(5)],
      ['2026-10-28', k(6)],
    ]);
    expect(ktpControlDates(doc)[0]).toEqual({
      classId: '5b',
      subjectId: 'math',
      groupId: 'all',
      date: '2026-09-16',
      ktpItemId: k(1),
      title: 'Контрольная работа № 1',
    });
    // Her own plan, once she has one, replaces it for 5Б only.
    storeTopics(
      doc,
      [
        topic(0, 'Повторение', 1, 'lesson', { teacherId: u('u-ivanova') }),
        topic(1, 'Входная контрольная', 1, 'control', { teacherId: u('u-ivanova') }),
      ],
      ['i0', 'i1'],
    );
    expect(dates(doc, '5b')).toEqual([['2026-09-09', 'i1']]);
    expect(dates(doc, '5a')).toHaveLength(3);
  });

  it('YEAR-11: the dates follow the school year: a holiday and a moved lesson shift them', () => {
    const doc = school();
    // A holiday on 22 September: 5А's lessons from then on move up one, КР № 1 to 29.09.
    holidays.set(doc, 'x3', { name: 'День здоровья', startsOn: asDate('2026-09-22'), endsOn: asDate('2026-09-22') });
    expect(dates(doc, '5a')[0]).toEqual(['2026-09-29', k(1)]);
    // The 29 September lesson moved to Thursday 1 October: the control work goes with it.
    const move = {
      classId: c('5a'),
      subjectId: sub('math'),
      groupId: g('all'),
      fromDate: asDate('2026-09-29'),
      fromSlot: 1,
      toDate: asDate('2026-10-01'),
      toSlot: 3,
    };
    moves.set(doc, moveKey(move), move);
    expect(dates(doc, '5a')[0]).toEqual(['2026-10-01', k(1)]);
  });

  it('YEAR-12: «Заполнить из КТП» adds what the schedule lacks, with the topic; a second fill adds nothing', () => {
    const doc = school();
    // By hand: 5А maths on КР № 1's day (already there), and 5А Russian on КР № 2's day.
    plannedControlWorks.set(doc, 'h1', { classId: '5a', date: asDate('2026-09-22'), subjectId: 'math', groupId: 'all' });
    plannedControlWorks.set(doc, 'h2', { classId: '5a', date: asDate('2026-10-06'), subjectId: 'rus', groupId: 'all' });
    // КР № 3 of 5Б made from the КТП earlier, then moved by the deputy to another date.
    plannedControlWorks.set(doc, 'h3', { classId: '5b', date: asDate('2026-10-22'), subjectId: 'math', groupId: 'all', ktpItemId: k(5) });
    const add = ktpControlWorksToAdd(doc);
    expect(add.map((w) => [w.classId, w.date, w.ktpItemId])).toEqual([
      ['5b', '2026-09-16', k(1)],
      ['5b', '2026-09-30', k(3)],
      ['5a', '2026-10-06', k(3)],
      ['5a', '2026-10-27', k(5)],
      ['5b', '2026-10-28', k(6)],
    ]);
    // The records pass the server's check (YEAR-9) and the collection's guard.
    for (const w of add) expect(controlWorkRecordProblems(doc, 'cnew', w)).toEqual([]);
    doc.transact(() => add.forEach((w, i) => plannedControlWorks.set(doc, `cf${i}`, w)));
    expect(plannedControlWorks.get(doc, 'cf2')).toEqual({
      classId: '5a',
      date: '2026-10-06',
      subjectId: 'math',
      groupId: 'all',
      ktpItemId: k(3),
    });
    expect(ktpControlWorksToAdd(doc)).toEqual([]);
    // YEAR-6 warns of the КТП's control work on the day of the one added by hand.
    expect(controlWorkClashes(plannedControlWorks.all(doc)).map((x) => [x.classId, x.date, x.works.map(([id]) => id)])).toEqual([
      ['5a', '2026-10-06', ['cf2', 'h2']],
    ]);
  });

  it('YEAR-12: a control work keeps its shape without a topic; a topic id that cannot be a key is malformed', () => {
    const w: ControlWork = { classId: '5a', date: asDate('2026-09-22'), subjectId: 'math', groupId: 'all' };
    expect(plannedControlWorks.isValid(w)).toBe(true);
    expect(plannedControlWorks.isValid({ ...w, ktpItemId: 'k1' })).toBe(true);
    expect(plannedControlWorks.isValid({ ...w, ktpItemId: 7 })).toBe(false);
    expect(plannedControlWorks.isValid({ ...w, ktpItemId: 'a:b' })).toBe(false);
  });

  it('YEAR-12: the КТП control works past the page’s last lesson are warned of, one sentence per page', () => {
    const doc = school();
    expect(ktpBeyondYearWarnings(doc)).toEqual(['5А, Математика: «Итоговая контрольная работа»']);
    ktpItems.set(doc, 'k7', topic(7, 'Контрольная работа № 4', 1, 'control'));
    expect(ktpBeyondYearWarnings(doc)).toEqual([
      '5А, Математика: «Итоговая контрольная работа», «Контрольная работа № 4»',
      '5Б, Математика: «Контрольная работа № 4»',
    ]);
    expect(ktpControlWorksToAdd(doc).some((w) => w.ktpItemId === 'k7')).toBe(false);
  });

  it('YEAR-13: a row says whether it came from the КТП, with the topic, or by hand', () => {
    const doc = school();
    const hand: ControlWork = { classId: '5a', date: asDate('2026-09-22'), subjectId: 'math', groupId: 'all' };
    expect(controlWorkOrigin(doc, hand)).toEqual({ fromKtp: false, text: 'вручную', ktpDate: null });
    expect(controlWorkOrigin(doc, { ...hand, ktpItemId: k(1) })).toEqual({
      fromKtp: true,
      text: 'по КТП: Контрольная работа № 1',
      ktpDate: null,
    });
    // Moved off the plan's date: the row says where the КТП puts it now.
    expect(controlWorkOrigin(doc, { ...hand, date: asDate('2026-09-24'), ktpItemId: k(1) }).ktpDate).toBe('2026-09-22');
    ktpItems.remove(doc, k(1));
    expect(controlWorkOrigin(doc, { ...hand, ktpItemId: k(1) })).toEqual({
      fromKtp: true,
      text: 'по КТП (тема удалена из КТП)',
      ktpDate: null,
    });
  });

  it('YEAR-13: the schedule is in date order, then class by grade and name, then subject', () => {
    const doc = school();
    classes.set(doc, '10a', { name: '10А', grade: 10, classTeacherId: null });
    const w = (classId: string, date: string, subjectId = 'math'): ControlWork => ({
      classId,
      date: asDate(date),
      subjectId,
      groupId: 'all',
    });
    const rows: Array<[string, ControlWork]> = [
      ['a', w('10a', '2026-09-22')],
      ['b', w('5b', '2026-09-22')],
      ['c', w('5a', '2026-09-22', 'rus')],
      ['d', w('5a', '2026-09-22')],
      ['e', w('10a', '2026-09-21')],
    ];
    expect(sortControlWorks(doc, rows).map(([id]) => id)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });
});
