import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  applyKtpWrites,
  isKtpHours,
  ktpCopyProblems,
  ktpCopyWrites,
  ktpInsertWrites,
  ktpItems,
  ktpMoveWrites,
  ktpPlanChoices,
  ktpPlanSummary,
  ktpRecordProblems,
  ktpRemovalWarnings,
  ktpRemoveWrites,
  ktpRenumber,
  ktpTeachers,
  ktpWritesProblems,
  ownKtp,
  readHours,
  subjects,
  type IsoDate,
} from '../../model/index.ts';
import { sub, u } from './import-fixture.ts';
import { ktpSchool, storeTopics, topic } from './ktp-fixture.ts';

const SMIRNOVA = u('u-smirnova');
const MATH = sub('math');
const plan = (doc: Y.Doc) => ownKtp(doc, SMIRNOVA, MATH, 5);
const orders = (doc: Y.Doc) => plan(doc).map(([k, t]) => [k, t.order]);
/** The problems whether or not the document already holds the value (the server checks after the update). */
const bothWays = (doc: Y.Doc, key: string, value: ReturnType<typeof topic>) => {
  const before = ktpRecordProblems(doc, key, value);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  ktpItems.set(copy, key, value);
  expect(ktpRecordProblems(copy, key, value)).toEqual(before);
  return before;
};

describe('a КТП topic (SETUP-22…24)', () => {
  it('SETUP-22: a title of 1…300 characters', () => {
    const doc = ktpSchool();
    expect(bothWays(doc, 'n', topic(0, 'Натуральные числа', 2))).toEqual([]);
    expect(bothWays(doc, 'n', topic(0, '   ', 2))).toEqual(['Укажите тему.']);
    expect(bothWays(doc, 'n', topic(0, 'т'.repeat(300), 2))).toEqual([]);
    expect(bothWays(doc, 'n', topic(0, 'т'.repeat(301), 2))).toEqual(['Тема длиннее 300 знаков (сейчас 301).']);
  });

  it('SETUP-22: hours 0,5…100, whole or with a half — exactly what the import reads', () => {
    const doc = ktpSchool();
    for (const h of [0.5, 1, 17, 8.5, 100]) expect(bothWays(doc, 'n', topic(0, 'Тема', h))).toEqual([]);
    const bad = ['Часы темы — от 0,5 до 100, целое число или с половиной.'];
    for (const h of [0, -1, 0.25, 1.3, 100.5]) expect(bothWays(doc, 'n', topic(0, 'Тема', h))).toEqual(bad);
    // Not a number cannot even be stored (JSON has none), but the check says so too.
    expect(ktpRecordProblems(doc, 'n', topic(0, 'Тема', Number.NaN))).toEqual(bad);
    for (const h of [0, 0.5, 1, 8.5, 17, 100, 100.5, 0.25, 1.3, 101]) expect(isKtpHours(h)).toBe(readHours(String(h).replace('.', ',')).ok);
  });

  it('SETUP-23: a grade 1…11, a subject of the curriculum, a teacher among the staff', () => {
    const doc = ktpSchool();
    expect(bothWays(doc, 'n', topic(0, 'Тема', 1, 'lesson', { grade: 12 }))).toEqual(['Класс (параллель) КТП — от 1 до 11.']);
    expect(bothWays(doc, 'n', topic(0, 'Тема', 1, 'lesson', { grade: 0 }))).toEqual(['Класс (параллель) КТП — от 1 до 11.']);
    expect(bothWays(doc, 'n', topic(0, 'Тема', 1, 'lesson', { grade: 5.5 }))).toEqual(['Класс (параллель) КТП — от 1 до 11.']);
    expect(bothWays(doc, 'n', topic(0, 'Тема', 1, 'lesson', { subjectId: sub('chem') }))).toEqual(['Предмета «chem» нет в учебном плане.']);
    expect(bothWays(doc, 'n', topic(0, 'Тема', 1, 'lesson', { teacherId: u('u-nobody') }))).toEqual(['Учителя КТП нет среди сотрудников.']);
  });

  it('SETUP-24: a number (order 0…999) no other topic of the same teacher, subject and grade has', () => {
    const doc = ktpSchool();
    storeTopics(doc, [topic(0, 'Числа', 2), topic(1, 'Дроби', 2)]);
    expect(bothWays(doc, 'n', topic(1, 'Проценты', 2))).toEqual(['Номер темы 2 в этом КТП уже занят темой «Дроби».']);
    // Its own key is not a twin; another teacher's or grade's plan may use the number.
    expect(bothWays(doc, 'k1', topic(1, 'Дроби и проценты', 2))).toEqual([]);
    expect(bothWays(doc, 'n', topic(1, 'Дроби', 2, 'lesson', { teacherId: u('u-ivanova') }))).toEqual([]);
    expect(bothWays(doc, 'n', topic(1, 'Дроби', 2, 'lesson', { grade: 10 }))).toEqual([]);
    expect(bothWays(doc, 'n', topic(999, 'Последняя', 2))).toEqual([]);
    for (const order of [-1, 1.5, 1000])
      expect(bothWays(doc, 'n', topic(order, 'Тема', 2))).toEqual(['Номер темы — целое число от 1 до 1000.']);
  });

  it('SETUP-24: a batch of writes is judged as it leaves the plan: a swap of two numbers is fine, a clash is not', () => {
    const doc = ktpSchool();
    storeTopics(doc, [topic(0, 'Числа', 2), topic(1, 'Дроби', 2)]);
    const swap = [
      ['k0', topic(1, 'Числа', 2)],
      ['k1', topic(0, 'Дроби', 2)],
    ] as const;
    expect(ktpRecordProblems(doc, 'k0', swap[0][1])).not.toEqual([]);
    expect(ktpWritesProblems(doc, swap)).toEqual([]);
    expect(ktpWritesProblems(doc, [['k0', topic(1, 'Числа', 2)]])).toEqual(['Номер темы 2 в этом КТП уже занят темой «Дроби».']);
    // Removing the topic in the way clears the number.
    expect(
      ktpWritesProblems(doc, [
        ['k1', null],
        ['k0', topic(1, 'Числа', 2)],
      ]),
    ).toEqual([]);
  });
});

describe('editing the order of a КТП (SETUP-26)', () => {
  const four = () => {
    const doc = ktpSchool();
    storeTopics(doc, [topic(0, 'А', 1), topic(1, 'Б', 1), topic(2, 'В', 1), topic(3, 'Г', 1)], ['a', 'b', 'c', 'd']);
    return doc;
  };

  it('SETUP-26: a move up or down writes the two topics it swaps; nothing at the ends', () => {
    const doc = four();
    const up = ktpMoveWrites(plan(doc), 2, -1);
    expect(up.map(([k, t]) => [k, t?.order])).toEqual([
      ['c', 1],
      ['b', 2],
    ]);
    applyKtpWrites(doc, up);
    expect(orders(doc)).toEqual([
      ['a', 0],
      ['c', 1],
      ['b', 2],
      ['d', 3],
    ]);
    expect(ktpMoveWrites(plan(doc), 0, -1)).toEqual([]);
    expect(ktpMoveWrites(plan(doc), 3, 1)).toEqual([]);
  });

  it('SETUP-26: an insertion writes the new topic and renumbers only the topics after it; at the end, one write', () => {
    const doc = four();
    const after1 = ktpInsertWrites(plan(doc), 2, 'n', topic(0, 'Новая', 1, 'control'));
    expect(after1.map(([k, t]) => [k, t?.order])).toEqual([
      ['n', 2],
      ['c', 3],
      ['d', 4],
    ]);
    expect(ktpWritesProblems(doc, after1)).toEqual([]);
    expect(ktpInsertWrites(plan(doc), 4, 'e', topic(0, 'Д', 1)).map(([k, t]) => [k, t?.order])).toEqual([['e', 4]]);
  });

  it('SETUP-26: a removal writes null and numbers the topics after it up; gaps an import left are closed', () => {
    const doc = four();
    const gone = ktpRemoveWrites(plan(doc), 'b');
    expect(gone.map(([k, t]) => [k, t?.order ?? null])).toEqual([
      ['b', null],
      ['c', 1],
      ['d', 2],
    ]);
    applyKtpWrites(doc, gone);
    expect(orders(doc)).toEqual([
      ['a', 0],
      ['c', 1],
      ['d', 2],
    ]);
    ktpItems.set(doc, 'd', topic(7, 'Г', 1));
    expect(ktpRenumber(plan(doc)).map(([k, t]) => [k, t?.order])).toEqual([['d', 2]]);
  });
});

describe('the КТП editor’s choices, copy, figures and warnings', () => {
  it('SETUP-25: each teacher is offered the subjects and grades of their load, timetable and КТП; only teaching staff are listed', () => {
    const doc = ktpSchool();
    expect(ktpPlanChoices(doc, SMIRNOVA)).toEqual([{ subjectId: 'math', grade: 5, classIds: ['5a'] }]);
    storeTopics(doc, [topic(0, 'Механика', 2, 'lesson', { grade: 10 })], ['p']);
    expect(ktpPlanChoices(doc, SMIRNOVA)).toEqual([
      { subjectId: 'math', grade: 5, classIds: ['5a'] },
      { subjectId: 'math', grade: 10, classIds: [] },
    ]);
    expect(ktpTeachers(doc).map(([id]) => id)).toEqual(['u-ivanova', 'u-lebedeva', 'u-smirnova']);
  });

  it('SETUP-27: a colleague’s КТП of the same subject and grade is copied into an empty plan, with new keys', () => {
    const doc = ktpSchool();
    storeTopics(doc, [topic(0, 'Числа', 20), topic(4, 'Контрольная работа № 1', 5, 'control')], ['s0', 's1']);
    const ivanova = u('u-ivanova');
    expect(ktpCopyProblems(doc, SMIRNOVA, ivanova, MATH, 5)).toEqual([]);
    expect(ktpCopyProblems(doc, ivanova, ivanova, MATH, 5)).toEqual(['Выберите другого учителя: КТП копируется у коллеги.']);
    expect(ktpCopyProblems(doc, u('u-lebedeva'), ivanova, MATH, 5)).toEqual(['У выбранного учителя нет КТП по этому предмету и классу.']);
    const writes = ktpCopyWrites(doc, SMIRNOVA, ivanova, MATH, 5);
    expect(writes.map(([, t]) => [t?.teacherId, t?.order, t?.title, t?.hours, t?.kind])).toEqual([
      ['u-ivanova', 0, 'Числа', 20, 'lesson'],
      ['u-ivanova', 1, 'Контрольная работа № 1', 5, 'control'],
    ]);
    expect(new Set(writes.map(([k]) => k)).size).toBe(2);
    expect(writes.some(([k]) => k === 's0' || k === 's1')).toBe(false);
    expect(ktpWritesProblems(doc, writes)).toEqual([]);
    applyKtpWrites(doc, writes);
    expect(ownKtp(doc, ivanova, MATH, 5)).toHaveLength(2);
    expect(plan(doc).map(([k]) => k)).toEqual(['s0', 's1']);
    expect(ktpCopyProblems(doc, SMIRNOVA, ivanova, MATH, 5)).toEqual([
      'КТП уже начат: копия делается только в пустой план (удалите темы или правьте их).',
    ]);
  });

  it('SETUP-28: the total, the curriculum hours it must equal, the difference and the works named', () => {
    const doc = ktpSchool();
    storeTopics(doc, [
      topic(0, 'Числа', 10),
      topic(1, 'Контрольная работа № 1', 1, 'control'),
      topic(2, 'Практическая работа', 1, 'practical'),
      topic(3, 'Дроби', 8.5),
      topic(4, 'Контрольная работа № 2', 1, 'control'),
    ]);
    const s = ktpPlanSummary(doc, SMIRNOVA, MATH, 5);
    expect([s.total, s.difference, s.works]).toEqual([21.5, -3.5, { control: 2, lab: 0, practical: 1 }]);
    expect(s.target).toMatchObject({ source: 'curriculum', hours: 25, perWeek: 5, weeks: 5 });
    expect(s.items.map(([k]) => k)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    // Without hours per week: the timetable's 8 lessons of 5А; without lessons either: nothing to compare.
    subjects.set(doc, 'math', { name: 'Математика', marking: 'five' });
    expect(ktpPlanSummary(doc, SMIRNOVA, MATH, 5)).toMatchObject({ target: { source: 'timetable', hours: 8 }, difference: 13.5 });
    expect(ktpPlanSummary(doc, u('u-ivanova'), MATH, 5)).toMatchObject({ total: 0, target: { source: 'none' }, difference: null });
  });

  it('SETUP-29: removing a topic that falls on lessons given so far warns (never refuses); a later topic does not', () => {
    const doc = ktpSchool();
    // 5А's mathematics: Tuesdays 1, 8, 22, 29 September … (15 September is a holiday).
    storeTopics(doc, [topic(0, 'Числа', 2), topic(1, 'Дроби', 3), topic(2, 'Проценты', 20)]);
    const warned = (key: string, today: string) => ktpRemovalWarnings(doc, key, today as IsoDate);
    expect(warned('k0', '2026-08-31')).toEqual([]);
    expect(warned('k0', '2026-09-01')).toEqual([
      'Тема «Числа» по плану уже пройдена или проходится (5А): записанные с ней уроки сохранят её текст, но потеряют связь с КТП.',
    ]);
    // Two lessons by 8 September: «Дроби» starts on the third.
    expect(warned('k1', '2026-09-08')).toEqual([]);
    expect(warned('k1', '2026-09-22')).toHaveLength(1);
    expect(warned('gone', '2026-09-22')).toEqual([]);
  });
});
