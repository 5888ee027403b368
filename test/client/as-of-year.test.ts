import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../model/index.ts';
import { beforeYearNotice, endOfFirstDay, localDateOf } from '../../client/features/history/as-of-year.ts';

const YEAR = { title: '2026/2027 учебный год', startsOn: '2026-09-01' as IsoDate };
/** A moment on the browser's (the school's) clock. */
const at = (local: string) => new Date(local).getTime();

describe('«На дату» before the school year (E2E-32)', () => {
  it('HIST-4: a moment before the first day says the year has not begun, when it begins, and that no lesson was held', () => {
    const picker = beforeYearNotice(YEAR, at('2026-08-20T10:00:00'), 'picker');
    expect(picker).toBe(
      '2026/2027 учебный год начинается 1 сентября 2026 г.: до этого дня уроков не было — в журнале на эту дату нет ни отметок, ни посещаемости.',
    );
    const page = beforeYearNotice(YEAR, at('2026-08-31T23:59:59'), 'page');
    expect(page).toContain('На 31.08.2026 23:59 учебный год ещё не начался.');
    expect(page).toContain('2026/2027 учебный год начинается 1 сентября 2026 г.');
    expect(page).toContain('нет ни отметок, ни посещаемости');
  });

  it('HIST-4: from the first day on (its midnight included) there is nothing to explain', () => {
    expect(beforeYearNotice(YEAR, at('2026-09-01T00:00:00'), 'picker')).toBeNull();
    expect(beforeYearNotice(YEAR, at('2026-12-09T10:00:00'), 'page')).toBeNull();
  });

  it('HIST-4: without a school year, or with no moment typed yet, nothing is said', () => {
    expect(beforeYearNotice(undefined, at('2026-08-20T10:00:00'), 'page')).toBeNull();
    expect(beforeYearNotice(YEAR, Number.NaN, 'picker')).toBeNull();
  });

  it('the first day ends at 23:59:59 on the school’s clock', () => {
    expect(localDateOf(endOfFirstDay(YEAR))).toBe('2026-09-01');
    expect(localDateOf(endOfFirstDay(YEAR) + 1000)).toBe('2026-09-02');
  });
});
