import { describe, expect, it } from 'vitest';
import { addDays, asDate, asId, eachDate, inRange, isIsoDate, isValidId, randomId, weekday, WHOLE_CLASS } from '../../model/index.ts';
import { d } from './fixtures.ts';

describe('ids', () => {
  it('ID-1: ids are 1–40 letters, digits, "_" or "-"', () => {
    for (const ok of ['a', '7a', 'alg_1', 'st-0042', 'x'.repeat(40), WHOLE_CLASS]) expect(isValidId(ok), ok).toBe(true);
    for (const bad of ['', 'x'.repeat(41), 'a:b', 'a.b', 'a/b', 'a b', '7А', 'é', 12, null, undefined])
      expect(isValidId(bad), String(bad)).toBe(false);
  });

  it('ID-1: asId refuses what would break a path key', () => {
    expect(asId('st1')).toBe('st1');
    expect(() => asId('st:1')).toThrow(/invalid id/);
    expect(() => asId('20240901.1')).toThrow(/invalid id/);
  });

  it('ID-3: random ids use the id alphabet, have the asked length and follow an injected PRNG', () => {
    const id = randomId();
    expect(id).toMatch(/^[a-z0-9]{8}$/);
    expect(isValidId(randomId(16))).toBe(true);
    expect(randomId(12)).toHaveLength(12);
    let i = 0;
    const seeded = () => [0, 0.5, 0.999][i++ % 3];
    expect(randomId(3, seeded)).toBe('as9');
  });

  it('ID-3: random ids from two replicas do not collide (not counters)', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => randomId()));
    expect(seen.size).toBe(2000);
  });
});

describe('dates', () => {
  it('ID-2: only real calendar dates written YYYY-MM-DD are dates', () => {
    for (const ok of ['2024-09-01', '2024-02-29', '2025-12-31']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['2025-02-29', '2024-13-01', '2024-9-1', '01.09.2024', '2024-09-01T00:00', '', 20240901, null])
      expect(isIsoDate(bad), String(bad)).toBe(false);
    expect(() => asDate('2024-02-30')).toThrow(/invalid date/);
  });

  it('ID-2: weekday is 1 = Monday … 7 = Sunday, whatever the local time zone', () => {
    expect(weekday(d('2024-09-02'))).toBe(1);
    expect(weekday(d('2024-09-07'))).toBe(6);
    expect(weekday(d('2024-09-08'))).toBe(7);
    expect(weekday(d('2025-03-30'))).toBe(7); // DST change day in Europe
  });

  it('ID-2: addDays crosses months, years and leap days, forward and back', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01');
    expect(addDays(d('2025-03-01'), -1)).toBe('2025-02-28');
    expect(addDays(d('2024-10-27'), 7)).toBe('2024-11-03');
  });

  it('ID-2: eachDate includes both ends; inRange is closed', () => {
    expect(eachDate(d('2024-12-30'), d('2025-01-02'))).toEqual(['2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02']);
    expect(eachDate(d('2024-09-02'), d('2024-09-01'))).toEqual([]);
    expect(eachDate(d('2024-09-01'), d('2025-08-31'))).toHaveLength(365);
    expect(inRange(d('2024-09-01'), d('2024-09-01'), d('2024-09-30'))).toBe(true);
    expect(inRange(d('2024-09-30'), d('2024-09-01'), d('2024-09-30'))).toBe(true);
    expect(inRange(d('2024-10-01'), d('2024-09-01'), d('2024-09-30'))).toBe(false);
  });
});
