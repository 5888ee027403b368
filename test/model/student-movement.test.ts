import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  authorize,
  checkArrival,
  checkClassTransfer,
  checkDeparture,
  checkGroupTransfer,
  closePeriod,
  enrollStudent,
  groupsOn,
  groupTransferDates,
  initJournal,
  isInGroup,
  lessonId,
  listStudents,
  putStudent,
  recordDeparture,
  setMark,
  transferIdFor,
  transferIn,
  transferOut,
  transferToGroup,
  wasInGroupBetween,
  type ClassId,
} from '../../model/index.ts';
import { d, mark, SCHOOL, sid, uid, YEAR } from './fixtures.ts';
import { ALL, C7A, C7B, EN1, EN2, ENG, replanSchool } from './replan-fixture.ts';

function journalOf(classId: ClassId, name: string): Y.Doc {
  const doc = new Y.Doc();
  initJournal(doc, { schoolId: SCHOOL, classId, yearId: YEAR, className: name, grade: 7 });
  return doc;
}
const ivanov = sid('iv0001');
function withIvanov(): { school: Y.Doc; a: Y.Doc; b: Y.Doc } {
  const school = replanSchool();
  const a = journalOf(C7A, '7А');
  const b = journalOf(C7B, '7Б');
  putStudent(a, { id: ivanov, name: 'Иванов Иван', groups: [EN1], enrolledOn: null, leftOn: null });
  return { school, a, b };
}
const admin = { userId: uid('adm'), roles: ['admin' as const] };
const teacher = (id: string) => ({ userId: uid(id), roles: ['teacher' as const] });

describe('student movement', () => {
  it('STU-5: an arrival needs a name, a date of the year outside closed periods, the class’s groups, and no namesake on the roster', () => {
    const { school, a } = withIvanov();
    const ok = { name: 'Петров Пётр', date: d('2024-09-18'), groups: [EN2] };
    expect(checkArrival(school, a, ok)).toBeNull();
    expect(checkArrival(school, a, { ...ok, name: '  ' })).toBe('Укажите ФИО ученика');
    expect(checkArrival(school, a, { ...ok, date: d('2024-10-01') })).toBe('Дата 01.10 — вне учебного года');
    expect(checkArrival(school, a, { ...ok, name: 'иванов  иван' })).toBe('Ученик «иванов  иван» уже есть в 7А');
    expect(checkArrival(school, a, { ...ok, groups: ['zz' as never] })).toBe('Группа «zz» — не группа класса 7А');
    expect(checkArrival(school, a, { ...ok, groups: [EN1, EN2] })).toBe('По одному предмету ученик может быть только в одной группе');
    closePeriod(school, C7A, 'p2', { closedAt: 'x', closedBy: 'dep' });
    expect(checkArrival(school, a, ok)).toBe('Период «2 период» закрыт для 7А: движение в нём не вносится');
  });

  it('STU-5: the arrival is on the pages from its date: no mark may be written before it (PERM-4)', () => {
    const { school, a } = withIvanov();
    const id = enrollStudent(a, { name: ' Петров   Пётр ', date: d('2024-09-18'), groups: [EN2] });
    expect(listStudents(a).find((s) => s.id === id)).toEqual({
      id,
      name: 'Петров Пётр',
      groups: [EN2],
      enrolledOn: '2024-09-18',
      leftOn: null,
    });
    const ctx = { school, journal: a, classId: C7A, grade: 7 };
    const markOn = (date: string) =>
      authorize(
        teacher('t1'),
        { map: 'marks', key: `${lessonId(d(date), 1, 'alg' as never, ALL)}:${id}:0`, oldValue: undefined, newValue: [5, 'oral', 1] },
        ctx,
      );
    expect(markOn('2024-09-17').allowed).toBe(false);
    expect(markOn('2024-09-24').allowed).toBe(true);
  });

  it('STU-6: a departure is dated after the arrival, once, in the year; its day is off the page and the marks before it stay', () => {
    const { school, a } = withIvanov();
    const before = lessonId(d('2024-09-03'), 1, 'alg' as never, ALL);
    setMark(a, before, ivanov, 0, mark(4));
    expect(checkDeparture(school, a, sid('nobody'), d('2024-09-17'))).toBe('Такого ученика нет в списке класса');
    expect(checkDeparture(school, a, ivanov, d('2024-09-17'))).toBeNull();
    recordDeparture(a, ivanov, d('2024-09-17'));
    expect(checkDeparture(school, a, ivanov, d('2024-09-20'))).toBe('Ученик уже выбыл 17.09');
    const s = listStudents(a)[0];
    expect(s.leftOn).toBe('2024-09-17');
    expect(rootMapMarks(a)).toEqual({ [`${before}:${ivanov}:0`]: '4|oral|1' });
    putStudent(a, { id: sid('pp0001'), name: 'Петров Пётр', groups: [], enrolledOn: d('2024-09-18'), leftOn: null });
    expect(checkDeparture(school, a, sid('pp0001'), d('2024-09-18'))).toBe('Ученик зачислен 18.09: дата выбытия должна быть позже');
  });

  it('STU-7: a transfer is a departure from one class and an arrival in the other on one date, with the same student id', () => {
    const { school, a, b } = withIvanov();
    setMark(a, lessonId(d('2024-09-03'), 1, 'alg' as never, ALL), ivanov, 0, mark(5));
    const r = { studentId: ivanov, date: d('2024-09-18'), toClassId: C7B, groups: [] };
    expect(checkClassTransfer(school, a, b, r)).toBeNull();
    expect(checkClassTransfer(school, a, a, { ...r, toClassId: C7A })).toBe('Ученик уже в этом классе');
    expect(checkClassTransfer(school, a, b, { ...r, toClassId: 'c9z' as ClassId })).toBe('Нет такого класса');
    expect(checkClassTransfer(school, a, b, { ...r, groups: [EN1] })).toBe('Группа «en1» — не группа класса 7Б');
    const id = transferIdFor(b, ivanov);
    expect(id).toBe(ivanov);
    transferOut(a, r);
    transferIn(a, b, r, id);
    expect(listStudents(a)[0]).toMatchObject({ id: ivanov, leftOn: '2024-09-18' });
    expect(listStudents(b)[0]).toEqual({ id: ivanov, name: 'Иванов Иван', groups: [], enrolledOn: '2024-09-18', leftOn: null });
    expect(Object.keys(rootMapMarks(b))).toEqual([]);
    expect(Object.keys(rootMapMarks(a))).toHaveLength(1);
  });

  it('STU-7: a student coming back to a class they left gets a new id, so the first stint keeps its marks', () => {
    const { b } = withIvanov();
    putStudent(b, { id: ivanov, name: 'Иванов Иван', groups: [], enrolledOn: null, leftOn: d('2024-09-05') });
    let n = 0;
    const id = transferIdFor(b, ivanov, () => ((n = (n + 7) % 36), n / 36));
    expect(id).not.toBe(ivanov);
    expect(id).toMatch(/^[a-z0-9]{6}$/);
  });

  it('STU-8: a group transfer is allowed only on the first day after a period’s end; any other date names the allowed ones', () => {
    const { school, a } = withIvanov();
    expect(groupTransferDates(school, 7)).toEqual(['2024-09-14']);
    expect(checkGroupTransfer(school, a, { studentId: ivanov, toGroupId: EN2, date: d('2024-09-18') })).toBe(
      'Перевести в другую группу можно только с первого дня после окончания учебного периода: 14.09',
    );
    expect(checkGroupTransfer(school, a, { studentId: ivanov, toGroupId: EN1, date: d('2024-09-14') })).toBe(
      'Ученик уже в группе «1 группа»',
    );
    expect(checkGroupTransfer(school, a, { studentId: ivanov, toGroupId: EN2, date: d('2024-09-14') })).toBeNull();
  });

  it('STU-8: after the transfer the student is on the old group’s pages before the date and on the new one’s from it', () => {
    const { school, a } = withIvanov();
    transferToGroup(school, a, { studentId: ivanov, toGroupId: EN2, date: d('2024-09-14') });
    const s = listStudents(a)[0];
    expect(s.groups).toEqual([EN2]);
    expect(s.groupHistory).toEqual([{ until: '2024-09-14', groups: [EN1] }]);
    expect(groupsOn(s, d('2024-09-13'))).toEqual([EN1]);
    expect(isInGroup(s, EN1, d('2024-09-13'))).toBe(true);
    expect(isInGroup(s, EN1, d('2024-09-17'))).toBe(false);
    expect(isInGroup(s, EN2, d('2024-09-17'))).toBe(true);
    expect(wasInGroupBetween(s, EN1, d('2024-09-02'), d('2024-09-13'))).toBe(true);
    expect(wasInGroupBetween(s, EN1, d('2024-09-16'), d('2024-09-29'))).toBe(false);
    const ctx = { school, journal: a, classId: C7A, grade: 7 };
    const englishMark = (date: string, group: typeof EN1, by: string) =>
      authorize(
        teacher(by),
        { map: 'marks', key: `${lessonId(d(date), 2, ENG, group)}:${ivanov}:0`, oldValue: undefined, newValue: [4, 'oral', 1] },
        ctx,
      ).allowed;
    expect(englishMark('2024-09-03', EN1, 't2')).toBe(true);
    expect(englishMark('2024-09-17', EN1, 't2')).toBe(false);
    expect(englishMark('2024-09-17', EN2, 't6')).toBe(true);
    expect(englishMark('2024-09-03', EN2, 't6')).toBe(false);
    // The roster field is the administrator's (PERM-9) and must be a history.
    const write = (value: unknown) =>
      authorize(admin, { map: 'students', key: `${ivanov}:groupHistory`, oldValue: undefined, newValue: value }, ctx);
    expect(write([{ until: '2024-09-14', groups: ['en1'] }]).allowed).toBe(true);
    expect(write([{ until: 'потом', groups: ['en1'] }]).allowed).toBe(false);
    expect(
      authorize(teacher('t3'), { map: 'students', key: `${ivanov}:groupHistory`, oldValue: undefined, newValue: null }, ctx).allowed,
    ).toBe(false);
  });

  it('STU-8: refused when records in the old group from that date would leave the page, or before an earlier transfer', () => {
    const { school, a } = withIvanov();
    setMark(a, lessonId(d('2024-09-17'), 2, ENG, EN1), ivanov, 0, mark(3));
    expect(checkGroupTransfer(school, a, { studentId: ivanov, toGroupId: EN2, date: d('2024-09-14') })).toBe(
      'У ученика уже есть записи в группе «1 группа» с 14.09 (1): перевод с этой даты их скроет',
    );
    expect(() => transferToGroup(school, a, { studentId: ivanov, toGroupId: EN2, date: d('2024-09-14') })).toThrow('записи');
    expect(listStudents(a)[0].groups).toEqual([EN1]);
  });
});

function rootMapMarks(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  doc.getMap('marks').forEach((v, k) => {
    if (v !== null) out[k] = v;
  });
  return out;
}
