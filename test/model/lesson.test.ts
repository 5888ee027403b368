import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  LESSON_FIELDS,
  lessonId,
  parseLessonId,
  readLesson,
  recordedLessonIds,
  rootMap,
  setLessonField,
  setMark,
  type KtpItemId,
} from '../../model/index.ts';
import { ALGEBRA, d, ENGLISH, grp, mark, newJournal, sid, subj, sync, uid, wt } from './fixtures.ts';

const ALL = grp('all');

describe('lesson ids', () => {
  it('LES-1: a lesson id is YYMMDD.slot.subject, plus .group for a split class', () => {
    expect(lessonId(d('2024-09-03'), 2, ALGEBRA, ALL)).toBe('240903.2.alg');
    expect(lessonId(d('2025-01-13'), 0, ENGLISH, grp('g2'))).toBe('250113.0.eng.g2');
  });

  it('LES-2: an explicit whole-class group or a padded slot is not a lesson id', () => {
    expect(parseLessonId('240903.2.alg.all')).toBeNull();
    expect(parseLessonId('240903.02.alg')).toBeNull();
    expect(parseLessonId('240903.2.alg')).toEqual({ date: '2024-09-03', slot: 2, subjectId: 'alg', groupId: 'all' });
    expect(parseLessonId('250113.0.eng.g2')).toEqual({ date: '2025-01-13', slot: 0, subjectId: 'eng', groupId: 'g2' });
  });

  it('LES-1: the same lesson key gives the same id on every replica; any part changed gives another', () => {
    const key = [d('2024-09-03'), 3, ALGEBRA, ALL] as const;
    expect(lessonId(...key)).toBe(lessonId(...key));
    const ids = new Set([
      lessonId(...key),
      lessonId(d('2024-09-04'), 3, ALGEBRA, ALL),
      lessonId(d('2024-09-03'), 4, ALGEBRA, ALL),
      lessonId(d('2024-09-03'), 3, ENGLISH, ALL),
      lessonId(d('2024-09-03'), 3, ALGEBRA, grp('g1')),
    ]);
    expect(ids.size).toBe(5);
  });

  it('LES-1: a slot that cannot go into an id is refused', () => {
    for (const slot of [-1, 1.5, 100, NaN]) expect(() => lessonId(d('2024-09-03'), slot, ALGEBRA, ALL), String(slot)).toThrow(/slot/);
  });

  it('LES-2: parseLessonId round trips every derived id', () => {
    for (const [date, slot, s, g] of [
      ['2024-09-02', 0, 'alg', 'all'],
      ['2024-02-29', 9, 'phys-1', 'g_2'],
      ['2025-05-31', 12, 'x'.repeat(40), 'y'],
    ] as const) {
      const id = lessonId(d(date), slot, subj(s), grp(g));
      expect(parseLessonId(id)).toEqual({ date, slot, subjectId: s, groupId: g });
    }
  });

  it('LES-2: anything not in the exact form is no lesson id', () => {
    for (const bad of [
      '',
      '20240903.2.alg',
      '20240903.2.alg.all.x',
      '2024-09-03.2.alg.all',
      '20240230.2.alg.all',
      '20240903.02.alg.all',
      '20240903.100.alg.all',
      '20240903.-1.alg.all',
      '20240903.2.al:g.all',
      '20240903.2..all',
      '20240903.2.алг.all',
    ]) {
      expect(parseLessonId(bad), bad).toBeNull();
    }
  });
});

describe('lesson records', () => {
  const L = lessonId(d('2024-09-03'), 2, ALGEBRA, ALL);

  it('LES-3: fields are written one cell each and read back; absent fields read empty', () => {
    const doc = newJournal();
    expect(readLesson(doc, L)).toEqual({
      topic: '',
      ktpItemId: null,
      homework: '',
      workType: null,
      substitute: null,
      attendanceChecked: null,
    });
    setLessonField(doc, L, 'topic', 'Линейные уравнения');
    setLessonField(doc, L, 'homework', '§ 3, № 12–15');
    setLessonField(doc, L, 'ktpItemId', 'k12' as KtpItemId);
    setLessonField(doc, L, 'workType', wt('oral'));
    setLessonField(doc, L, 'substitute', uid('t2'));
    setLessonField(doc, L, 'attendanceChecked', true);
    expect(readLesson(doc, L)).toEqual({
      topic: 'Линейные уравнения',
      ktpItemId: 'k12',
      homework: '§ 3, № 12–15',
      workType: 'oral',
      substitute: 't2',
      attendanceChecked: true,
    });
    expect(rootMap(doc, 'lessons').toJSON()).toEqual(Object.fromEntries(LESSON_FIELDS.map((f) => [`${L}:${f}`, readLesson(doc, L)[f]])));
    setLessonField(doc, L, 'ktpItemId', null);
    expect(readLesson(doc, L).ktpItemId).toBeNull();
  });

  it('LES-3: a malformed stored field reads as empty', () => {
    const doc = newJournal();
    rootMap(doc, 'lessons').set(`${L}:topic`, 42);
    rootMap(doc, 'lessons').set(`${L}:homework`, { evil: true });
    rootMap(doc, 'lessons').set(`${L}:attendanceChecked`, 'yes');
    expect(readLesson(doc, L)).toEqual({
      topic: '',
      ktpItemId: null,
      homework: '',
      workType: null,
      substitute: null,
      attendanceChecked: null,
    });
  });

  it('LES-1, LES-3: two replicas editing the same lesson offline converge field by field', () => {
    const teacher = newJournal();
    const substitute = new Y.Doc();
    sync(teacher, substitute);
    // Both open "Tuesday, 3rd lesson, algebra" offline: they derive the same id.
    const mine = lessonId(d('2024-09-03'), 3, ALGEBRA, ALL);
    const theirs = lessonId(d('2024-09-03'), 3, ALGEBRA, ALL);
    setLessonField(teacher, mine, 'topic', 'Степень с натуральным показателем');
    setMark(teacher, mine, sid('st1'), 0, mark(5));
    setLessonField(substitute, theirs, 'homework', '№ 101');
    setLessonField(substitute, theirs, 'substitute', uid('t9'));
    setMark(substitute, theirs, sid('st2'), 0, mark(3));
    sync(teacher, substitute);
    for (const doc of [teacher, substitute]) {
      expect(readLesson(doc, mine)).toEqual({
        topic: 'Степень с натуральным показателем',
        ktpItemId: null,
        homework: '№ 101',
        workType: null,
        substitute: 't9',
        attendanceChecked: null,
      });
      expect(rootMap(doc, 'marks').size).toBe(2);
    }
    expect(teacher.getMap('lessons').toJSON()).toEqual(substitute.getMap('lessons').toJSON());
  });

  it('LES-3: two replicas writing one field concurrently converge to one of the two values', () => {
    const a = newJournal();
    const b = new Y.Doc();
    sync(a, b);
    const L2 = lessonId(d('2024-09-05'), 1, ALGEBRA, ALL);
    setLessonField(a, L2, 'topic', 'A');
    setLessonField(b, L2, 'topic', 'B');
    sync(a, b);
    expect(readLesson(a, L2).topic).toBe(readLesson(b, L2).topic);
    expect(['A', 'B']).toContain(readLesson(a, L2).topic);
  });

  it('LES-3: recordedLessonIds lists lessons of one subject and group with a non-empty field', () => {
    const doc = newJournal();
    const a = lessonId(d('2024-09-03'), 2, ALGEBRA, ALL);
    const b = lessonId(d('2024-09-04'), 1, ALGEBRA, ALL);
    const c = lessonId(d('2024-09-05'), 1, ALGEBRA, ALL);
    setLessonField(doc, a, 'topic', 'x');
    setLessonField(doc, a, 'homework', 'y');
    setLessonField(doc, b, 'topic', 'x');
    setLessonField(doc, b, 'topic', '');
    setLessonField(doc, c, 'workType', wt('oral'));
    setLessonField(doc, c, 'workType', null);
    setLessonField(doc, lessonId(d('2024-09-03'), 2, ENGLISH, ALL), 'topic', 'x');
    setLessonField(doc, lessonId(d('2024-09-03'), 2, ALGEBRA, grp('g1')), 'topic', 'x');
    rootMap(doc, 'lessons').set('garbage:topic', 'x');
    expect(recordedLessonIds(doc, ALGEBRA, ALL)).toEqual([a]);
  });
});
