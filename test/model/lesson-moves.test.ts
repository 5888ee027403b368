import { describe, expect, it } from 'vitest';
import {
  cancelMove,
  checkMove,
  classLessons,
  lessonId,
  moveKey,
  moveLesson,
  moves,
  pageLessons,
  registerSubstitution,
  rootMap,
  schoolDayLessons,
  setMark,
  type LessonMove,
} from '../../model/index.ts';
import { d, mark, newJournal, sid } from './fixtures.ts';
import { ALG, ALL, C7A, C7B, EN1, EN2, ENG, replanSchool, T2, TUE, WED } from './replan-fixture.ts';

const THU = d('2024-09-05');
/** 7А algebra of Tuesday, slot 1, to Wednesday slot 4. */
const algebraMove: LessonMove = { classId: C7A, subjectId: ALG, groupId: ALL, fromDate: TUE, fromSlot: 1, toDate: WED, toSlot: 4 };
const dates = (ls: ReturnType<typeof pageLessons>) => ls.map((l) => `${l.date}/${l.slot}`);

describe('moves of lessons', () => {
  it('MOVE-1: a move is one record per lesson, keyed by its class and the lesson it moves; malformed ones are refused and skipped', () => {
    const school = replanSchool();
    expect(moveKey(algebraMove)).toBe('c7a:240903.1.alg');
    moves.set(school, moveKey(algebraMove), algebraMove);
    moves.set(school, moveKey(algebraMove), { ...algebraMove, toSlot: 3 });
    expect(moves.all(school)).toEqual([[moveKey(algebraMove), { ...algebraMove, toSlot: 3 }]]);
    expect(() => moves.set(school, 'x', { ...algebraMove, toDate: TUE, toSlot: 1 })).toThrow();
    expect(() => moves.set(school, 'x', { ...algebraMove, toSlot: 100 })).toThrow();
    expect(() => moves.set(school, 'x', { ...algebraMove, toDate: d('1999-09-01') })).toThrow();
    rootMap(school, 'moves').set('bad', { classId: 'c7a', fromDate: 'вчера' });
    expect(moves.all(school)).toHaveLength(1);
  });

  it('MOVE-2: the lesson leaves its old date and slot and appears at the new one, with its teacher', () => {
    const school = replanSchool();
    moveLesson(school, algebraMove);
    const page = pageLessons(school, null, C7A, ALG, ALL);
    expect(dates(page).slice(0, 3)).toEqual(['2024-09-04/4', '2024-09-17/1', '2024-09-24/1']);
    expect(page[0]).toMatchObject({ id: '240904.4.alg', teacherId: 't1', substituteId: null, movedFrom: { date: TUE, slot: 1 } });
    expect(classLessons(school, null, C7A, WED, WED).map((l) => l.id)).toEqual(['240904.4.alg']);
    expect(schoolDayLessons(school, TUE)[0]).toMatchObject({ lessonId: '240903.1.alg', movedTo: { date: WED, slot: 4 } });
  });

  it('MOVE-2: a moved-away lesson that already has records stays on the page, marked; records are never hidden', () => {
    const school = replanSchool();
    const journal = newJournal();
    setMark(journal, lessonId(TUE, 1, ALG, ALL), sid('st1'), 0, mark(5));
    moveLesson(school, algebraMove);
    const page = pageLessons(school, journal, C7A, ALG, ALL);
    expect(dates(page).slice(0, 2)).toEqual(['2024-09-03/1', '2024-09-04/4']);
    expect(page[0].movedTo).toEqual({ date: WED, slot: 4 });
  });

  it('MOVE-2: a substitution of the moved lesson on its new date is attached there', () => {
    const school = replanSchool();
    moveLesson(school, algebraMove);
    registerSubstitution(school, { date: WED, slot: 4, classId: C7A, subjectId: ALG, groupId: ALL, teacherId: T2 });
    expect(pageLessons(school, null, C7A, ALG, ALL)[0]).toMatchObject({ id: '240904.4.alg', substituteId: T2 });
    expect(schoolDayLessons(school, WED).find((l) => l.lessonId === '240904.4.alg')?.substitution?.absentTeacherId).toBe('t1');
  });

  it('MOVE-3: a move is refused outside the year, on a Sunday or a holiday, to a slot without a bell, or onto itself', () => {
    const school = replanSchool();
    expect(checkMove(school, { ...algebraMove, toDate: d('2024-10-01') })).toBe('01.10 — вне учебного года');
    expect(checkMove(school, { ...algebraMove, toDate: d('2024-09-08') })).toBe('08.09 — воскресенье');
    expect(checkMove(school, { ...algebraMove, toDate: d('2024-09-10') })).toBe('10.09 — день здоровья, уроков нет');
    expect(checkMove(school, { ...algebraMove, toSlot: 7 })).toBe('В расписании звонков нет 7-го урока');
    expect(checkMove(school, { ...algebraMove, toDate: TUE, toSlot: 1 })).toBe('Урок уже стоит в этот день и на этом уроке');
    expect(checkMove(school, { ...algebraMove, fromSlot: 4 })).toBe('Такого урока 03.09 в расписании нет');
    expect(checkMove(school, algebraMove)).toBeNull();
  });

  it('MOVE-3: the class must be free then for the same pupils: another group of the split does not clash, the whole class does', () => {
    const school = replanSchool();
    expect(checkMove(school, { ...algebraMove, toDate: TUE, toSlot: 3 })).toBe('У класса в это время уже урок: 7А, История');
    expect(checkMove(school, { ...algebraMove, toDate: THU, toSlot: 1 })).toBe(
      'У класса в это время уже урок: 7А, Английский язык (2 группа)',
    );
    const english = { classId: C7A, subjectId: ENG, groupId: EN1, fromDate: TUE, fromSlot: 2, toDate: THU, toSlot: 1 };
    expect(checkMove(school, english)).toBeNull();
    expect(checkMove(school, { ...english, groupId: EN2, fromSlot: 2, toSlot: 1 })).toBe(
      'У класса в это время уже урок: 7А, Английский язык (2 группа)',
    );
  });

  it('MOVE-3: the teacher must be free then; a substituted or moved-in lesson is not moved; moving again replaces the move', () => {
    const school = replanSchool();
    // t1 teaches 7Б algebra on Wednesday, slot 3.
    expect(checkMove(school, { ...algebraMove, toSlot: 3 })).toBe('Алексеева А. И. в это время ведёт урок: 7Б, Алгебра');
    moveLesson(school, algebraMove);
    expect(checkMove(school, { classId: C7A, subjectId: ALG, groupId: ALL, fromDate: WED, fromSlot: 4, toDate: THU, toSlot: 2 })).toBe(
      'Этот урок уже перенесён сюда с 03.09: измените или отмените тот перенос',
    );
    moveLesson(school, { ...algebraMove, toDate: THU, toSlot: 2 });
    expect(moves.all(school).map(([, m]) => `${m.toDate}/${m.toSlot}`)).toEqual(['2024-09-05/2']);
    expect(dates(pageLessons(school, null, C7A, ALG, ALL))[0]).toBe('2024-09-05/2');
    // The same target again (re-saving the move) is no clash with itself.
    expect(checkMove(school, { ...algebraMove, toDate: THU, toSlot: 2 })).toBeNull();
    registerSubstitution(school, { date: TUE, slot: 1, classId: C7B, subjectId: 'phy' as never, groupId: ALL, teacherId: T2 });
    expect(checkMove(school, { ...algebraMove, classId: C7B, subjectId: 'phy' as never, toDate: THU, toSlot: 3 })).toBe(
      'На этот урок назначена замена: сначала отмените её',
    );
  });

  it('MOVE-3: a lesson moved and then substituted on its new day is not moved again until the substitution is cancelled', () => {
    const school = replanSchool();
    moveLesson(school, algebraMove);
    registerSubstitution(school, { date: WED, slot: 4, classId: C7A, subjectId: ALG, groupId: ALL, teacherId: T2 });
    expect(checkMove(school, { ...algebraMove, toDate: THU, toSlot: 2 })).toBe('На этот урок назначена замена: сначала отмените её');
  });

  it('MOVE-4: cancelling a move puts the lesson back in its own slot', () => {
    const school = replanSchool();
    const key = moveLesson(school, algebraMove);
    cancelMove(school, key);
    expect(moves.all(school)).toEqual([]);
    expect(dates(pageLessons(school, null, C7A, ALG, ALL)).slice(0, 2)).toEqual(['2024-09-03/1', '2024-09-17/1']);
    expect(schoolDayLessons(school, WED).filter((l) => l.classId === C7A)).toEqual([]);
  });
});
