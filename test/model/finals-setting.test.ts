import { describe, expect, it } from 'vitest';
import {
  authorizeSchoolChange,
  DEFAULT_FINALS,
  expectedFinal,
  FINALS_KEY,
  finalsSettings,
  MIN_MARKS_FOR_FINAL,
  readMinMarksForFinal,
  type Actor,
  type MarkValue,
} from '../../model/index.ts';
import { newSchool, uid } from './fixtures.ts';

const deputy: Actor = { userId: uid('d1'), roles: ['deputy'] };
const marks = (...values: MarkValue[]) => values.map((value) => ({ value, weight: 1 }));

describe('the minimum of marks for a final, a school setting (FIN-9)', () => {
  it('FIN-9: without the record the minimum is 3; the school’s own is read', () => {
    const school = newSchool();
    expect(DEFAULT_FINALS.minMarks).toBe(MIN_MARKS_FOR_FINAL);
    expect(readMinMarksForFinal(school)).toBe(3);
    finalsSettings.set(school, FINALS_KEY, { minMarks: 5 });
    expect(readMinMarksForFinal(school)).toBe(5);
  });

  it('FIN-9: minMarks is a whole number 1…10; anything else is refused, locally and by the rule book (YEAR-9)', () => {
    const school = newSchool();
    for (const ok of [1, 3, 10]) expect(finalsSettings.isValid({ minMarks: ok })).toBe(true);
    for (const bad of [0, 11, 2.5, '3', null]) expect(finalsSettings.isValid({ minMarks: bad })).toBe(false);
    expect(() => finalsSettings.set(school, FINALS_KEY, { minMarks: 0 })).toThrow();
    const at = (value: unknown) =>
      authorizeSchoolChange(deputy, { map: 'settings', key: FINALS_KEY, oldValue: undefined, newValue: value }, school);
    expect(at({ minMarks: 4 }).allowed).toBe(true);
    expect(at({ minMarks: 11 }).allowed).toBe(false);
    expect(at({ policy: 'warn' }).allowed).toBe(false);
  });

  it('FIN-2, FIN-9: the expected final counts against the minimum given, 3 by default', () => {
    expect(expectedFinal(marks(5, 4), 'five')).toMatchObject({ value: null, tooFew: true });
    expect(expectedFinal(marks(5, 4), 'five', 2)).toMatchObject({ value: 5, tooFew: false });
    expect(expectedFinal(marks(5, 4, 4), 'five', 4)).toMatchObject({ value: null, tooFew: true });
    expect(expectedFinal(marks('P', 'F'), 'passfail', 2)).toMatchObject({ value: 'P', tooFew: false });
  });
});
