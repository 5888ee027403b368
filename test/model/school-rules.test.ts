import { describe, expect, it } from 'vitest';
import {
  assignTeacher,
  authorizeSchoolChange,
  bells,
  classes,
  controlWorkRecordProblems,
  groups,
  markingOf,
  moveRecordProblems,
  setTimetableEntry,
  staff,
  staffRecordProblems,
  staffRemovalProblems,
  subjectProblems,
  subjects,
  substitutionRecordProblems,
  WHOLE_CLASS,
  type Role,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, grp, newSchool, uid } from './fixtures.ts';

const who = (...roles: Role[]) => ({ userId: uid('u1'), roles });

/** A 2024/25 school with 7А, algebra on Tuesdays (weekday 2), slot 1, taught by `ivanova`. */
function school() {
  const doc = newSchool();
  classes.set(doc, CLASS_7A, { name: '7А', grade: 7, classTeacherId: uid('ivanova') });
  subjects.set(doc, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  staff.set(doc, 'ivanova', { name: 'Иванова Мария Петровна', short: 'Иванова М. П.' });
  staff.set(doc, 'petrov', { name: 'Петров Олег Ильич', short: 'Петров О. И.' });
  bells.set(doc, '1', { starts: '08:30', ends: '09:10' });
  assignTeacher(doc, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: WHOLE_CLASS, teacherId: uid('ivanova') });
  setTimetableEntry(doc, {
    classId: CLASS_7A,
    weekday: 2,
    slot: 1,
    subjectId: ALGEBRA,
    groupId: WHOLE_CLASS,
    teacherId: uid('ivanova'),
    room: '21',
  });
  return doc;
}

describe('the school-year rule book', () => {
  it('YEAR-7: only the administrator and the deputy write; YEAR-8: the meta and the closures are the server’s', () => {
    const doc = school();
    const c = {
      map: 'holidays',
      key: 'h1',
      oldValue: undefined,
      newValue: { name: 'Осенние', startsOn: '2024-10-28', endsOn: '2024-11-04' },
    };
    expect(authorizeSchoolChange(who('teacher'), c, doc)).toMatchObject({ allowed: false, reason: 'forbidden' });
    expect(authorizeSchoolChange(who('director'), c, doc)).toMatchObject({ allowed: false, reason: 'forbidden' });
    expect(authorizeSchoolChange(who('deputy'), c, doc).allowed).toBe(true);
    expect(authorizeSchoolChange(who('admin'), c, doc).allowed).toBe(true);
    for (const map of ['meta', 'closures', 'nonsense']) {
      expect(authorizeSchoolChange(who('deputy'), { ...c, map }, doc)).toMatchObject({ allowed: false, reason: 'forbidden' });
    }
  });

  it('YEAR-9: a malformed record or key is malformed; a record breaking its map’s rule is an invalid value with the reasons', () => {
    const doc = school();
    const deputy = who('deputy');
    const at = (map: string, key: string, newValue: unknown) =>
      authorizeSchoolChange(deputy, { map, key, oldValue: undefined, newValue }, doc);
    expect(at('bells', '13', { starts: '20:00', ends: '20:40' })).toMatchObject({ reason: 'malformed' });
    expect(at('bells', '2', { starts: '9', ends: '10' })).toMatchObject({ reason: 'malformed' });
    expect(at('bells', '2', { starts: '09:00', ends: '09:40' })).toMatchObject({ reason: 'invalid-value' });
    expect(at('bells', '2', { starts: '09:20', ends: '10:00' }).allowed).toBe(true);
    expect(at('settings', 'other', { a: 1 })).toMatchObject({ reason: 'malformed' });
    expect(at('subjects', 'bio', { name: ' ', marking: 'five' })).toMatchObject({
      reason: 'invalid-value',
      detail: 'Укажите название предмета.',
    });
    const overlap = at('periods', 'p2', { name: 'Лишний', startsOn: '2024-09-01', endsOn: '2024-10-01', minGrade: 7, maxGrade: 7 });
    expect(overlap.allowed).toBe(true);
    doc.getMap('periods').set('p1', { name: '1 четверть', startsOn: '2024-09-01', endsOn: '2024-10-27', minGrade: 5, maxGrade: 9 });
    const refused = at('periods', 'p2', { name: 'Лишний', startsOn: '2024-09-01', endsOn: '2024-10-01', minGrade: 7, maxGrade: 7 });
    expect(refused).toMatchObject({ allowed: false, reason: 'invalid-value' });
    // The record itself, already applied under its key, is never its own overlap.
    expect(at('periods', 'p1', doc.getMap('periods').get('p1')).allowed).toBe(true);
    // A period closed for a class is not removed.
    doc.getMap('closures').set('c7a:p1', { closedAt: '2024-10-28T10:00:00Z', closedBy: 'u-deputy' });
    expect(at('periods', 'p1', null)).toMatchObject({ allowed: false, reason: 'invalid-value' });
  });

  it('SETUP-30, SETUP-31: a staff member has a full and a short name; one still named by the year is not removed', () => {
    const doc = school();
    expect(staffRecordProblems(doc, 'x', { name: 'Сидорова Анна', short: 'Сидорова А.' })).toEqual([]);
    expect(staffRecordProblems(doc, 'x', { name: ' ', short: '' })).toHaveLength(2);
    expect(staffRemovalProblems(doc, 'petrov')).toEqual([]);
    const [problem] = staffRemovalProblems(doc, 'ivanova');
    expect(problem).toContain('классный руководитель 7А');
    expect(problem).toContain('нагрузка: 1');
    expect(problem).toContain('уроков в расписании: 1');
  });

  it('YEAR-6, YEAR-9: a control work names a page of the school inside the year', () => {
    const doc = school();
    const work = { classId: CLASS_7A as string, subjectId: ALGEBRA as string, groupId: WHOLE_CLASS as string, date: d('2024-10-15') };
    expect(controlWorkRecordProblems(doc, 'c1', work)).toEqual([]);
    expect(controlWorkRecordProblems(doc, 'c1', { ...work, date: d('2025-06-15') })).toEqual(['Дата — вне учебного года.']);
    expect(controlWorkRecordProblems(doc, 'c1', { ...work, groupId: 'g9' })[0]).toContain('не группа этого класса');
    groups.set(doc, 'g1', { classId: CLASS_7A, subjectId: 'eng', name: '1 группа' });
    expect(controlWorkRecordProblems(doc, 'c1', { ...work, groupId: grp('g1') })[0]).toContain('не группа этого класса');
  });

  it('YEAR-9: a substitution is under its lesson’s key, on the day plan, by another staff member; a move goes to a school day and a bell slot', () => {
    const doc = school();
    const sub = {
      date: d('2024-09-03'),
      slot: 1,
      classId: CLASS_7A,
      subjectId: ALGEBRA,
      groupId: WHOLE_CLASS,
      teacherId: uid('petrov'),
      absentTeacherId: uid('ivanova'),
    };
    expect(substitutionRecordProblems(doc, 'c7a:240903.1.alg', sub)).toEqual([]);
    expect(substitutionRecordProblems(doc, 'c7a:x', sub)).toContain('Ключ замены не совпадает с её уроком.');
    expect(substitutionRecordProblems(doc, 'c7a:240904.1.alg', { ...sub, date: d('2024-09-04') })[0]).toContain('в расписании нет');
    expect(substitutionRecordProblems(doc, 'c7a:240903.1.alg', { ...sub, teacherId: uid('ivanova') })).toContain(
      'Учитель не может заменять свой собственный урок.',
    );
    const move = {
      classId: CLASS_7A,
      subjectId: ALGEBRA,
      groupId: WHOLE_CLASS,
      fromDate: d('2024-09-03'),
      fromSlot: 1,
      toDate: d('2024-09-04'),
      toSlot: 1,
    };
    expect(moveRecordProblems(doc, 'c7a:240903.1.alg', move)).toEqual([]);
    expect(moveRecordProblems(doc, 'c7a:240903.1.alg', { ...move, toDate: d('2024-09-08') })).toEqual(['08.09 — воскресенье.']);
    expect(moveRecordProblems(doc, 'c7a:240903.1.alg', { ...move, toSlot: 5 })).toEqual(['В расписании звонков нет 5-го урока.']);
  });
});

describe('marking systems by grade', () => {
  it('YEAR-10: a subject’s grade may have its own system; grade 1 is never marked; only grades 2…11 take one', () => {
    const music = { name: 'Музыка', marking: 'five' as const, markingByGrade: { '8': 'passfail' as const, '4': 'none' as const } };
    expect(markingOf(music, 8)).toBe('passfail');
    expect(markingOf(music, 4)).toBe('none');
    expect(markingOf(music, 7)).toBe('five');
    expect(markingOf({ ...music, markingByGrade: { '1': 'five' } }, 1)).toBe('none');
    expect(markingOf(undefined, 5)).toBe('five');
    expect(subjectProblems(music)).toEqual([]);
    expect(subjectProblems({ ...music, markingByGrade: { '1': 'five' } })).toEqual([
      'Особая система оценивания — для классов со 2 по 11, не для «1».',
    ]);
    expect(subjects.isValid({ ...music, markingByGrade: { '8': 'ten' } })).toBe(false);
  });
});
