import { describe, expect, it } from 'vitest';
import type { KtpKind } from '../../model/index.ts';
import { lessonsPerItem, spreadHours } from '../../sync-server/demo/ktp-builder.ts';

const plan = (...items: Array<[KtpKind, number]>) => items.map(([kind, hours]) => ({ kind, hours }));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('demo КТП hours', () => {
  it('spreads a total over the topics: works one hour each, the ordinary topics the rest, earlier ones first', () => {
    const titles = ['Числа', 'Контрольная работа № 1', 'Дроби', 'Лабораторная работа «Весы»', 'Повторение'];
    expect(spreadHours(titles, 12)).toEqual([4, 1, 3, 1, 3]);
    expect(sum(spreadHours(titles, 170))).toBe(170);
  });

  it('carries out a plan as written when the page has as many lessons as it has hours', () => {
    expect(lessonsPerItem(plan(['lesson', 3], ['control', 1], ['lesson', 2]), 6)).toEqual([3, 1, 2]);
  });

  it('takes missing lessons from the ordinary topics nearest the year’s end, an hour each, never a work', () => {
    const p = plan(['lesson', 3], ['lesson', 3], ['control', 1], ['lesson', 2], ['control', 1]);
    expect(lessonsPerItem(p, 9)).toEqual([3, 3, 1, 1, 1]);
    expect(lessonsPerItem(p, 7)).toEqual([2, 2, 1, 1, 1]);
    // Down to one lesson a topic; then nothing more can be merged, and the end goes untaught.
    expect(lessonsPerItem(p, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(lessonsPerItem(p, 3)).toEqual([1, 1, 1, 1, 1]);
  });

  it('gives spare lessons to the ordinary topics nearest the end; a half hour takes a whole lesson', () => {
    expect(lessonsPerItem(plan(['lesson', 2], ['lesson', 2], ['control', 1]), 7)).toEqual([3, 3, 1]);
    expect(lessonsPerItem(plan(['lesson', 2], ['lesson', 1.5], ['control', 1]), 6)).toEqual([2, 3, 1]);
    // Works only: the spare lessons are left over (the journal repeats the last item).
    expect(lessonsPerItem(plan(['control', 1], ['lab', 1]), 4)).toEqual([1, 1]);
  });
});
