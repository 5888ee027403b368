import { describe, expect, it } from 'vitest';
import { isFinalValue, readFinal, rootMap, setFinal, type PeriodId } from '../../model/index.ts';
import { ALGEBRA, grp, newJournal, sid } from './fixtures.ts';

const Q1 = 'q1' as PeriodId;
const ALL = grp('all');
const S = sid('st1');

describe('finals', () => {
  it('FIN-1: a final is a mark of the 5-point or pass/fail system, stored as { v } under subject:group:period:student', () => {
    const doc = newJournal();
    setFinal(doc, ALGEBRA, ALL, Q1, S, 4);
    expect(rootMap(doc, 'finals').toJSON()).toEqual({ 'alg:all:q1:st1': { v: 4 } });
    expect(readFinal(doc, ALGEBRA, ALL, Q1, S)).toBe(4);
    setFinal(doc, ALGEBRA, ALL, Q1, S, 'P');
    expect(readFinal(doc, ALGEBRA, ALL, Q1, S)).toBe('P');
    setFinal(doc, ALGEBRA, ALL, Q1, S, null);
    expect(readFinal(doc, ALGEBRA, ALL, Q1, S)).toBeNull();
    expect(rootMap(doc, 'finals').get('alg:all:q1:st1')).toBeNull();
  });

  it('FIN-1: н/а and осв. are refused as finals, as is anything that is no mark', () => {
    for (const bad of ['н/а', 'осв.', 'н/а ', 'осв', 0, 6, 3.5, '5', '', null]) expect(isFinalValue(bad), String(bad)).toBe(false);
    const doc = newJournal();
    for (const bad of ['н/а', 'осв.', 0, 6])
      expect(() => setFinal(doc, ALGEBRA, ALL, Q1, S, bad as never), String(bad)).toThrow(/invalid final/);
    expect(rootMap(doc, 'finals').size).toBe(0);
  });

  it('FIN-1: a stored н/а or осв. written around the accessor reads as no final', () => {
    const doc = newJournal();
    const raw = rootMap(doc, 'finals');
    raw.set('alg:all:q1:st1', { v: 'н/а' });
    raw.set('alg:all:q1:st2', 'осв.');
    raw.set('alg:all:q1:st3', [5]);
    raw.set('alg:all:q1:st4', 5);
    for (const s of ['st1', 'st2', 'st3', 'st4']) expect(readFinal(doc, ALGEBRA, ALL, Q1, sid(s)), s).toBeNull();
  });
});
