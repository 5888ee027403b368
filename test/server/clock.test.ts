import { describe, expect, it } from 'vitest';
import { clockFromEnv, clockStartingAt, parseClockStart, systemClock } from '../../sync-server/clock.ts';
import { readConfig } from '../../sync-server/config.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { readLesson, pageLessons, WHOLE_CLASS, type ClassId, type SubjectId } from '../../model/index.ts';

/** The one clock (README, «The demo's today»): the system's unless JOURNAL_CLOCK starts it elsewhere. */
describe('the server’s clock', () => {
  it('JOURNAL_CLOCK takes a date (10:00 Moscow time) or a zoned date-time; anything else stops the start with a clear message', () => {
    expect(parseClockStart('2026-12-28')).toBe(Date.parse('2026-12-28T07:00:00Z'));
    expect(parseClockStart('2027-02-24T08:40:00+03:00')).toBe(Date.parse('2027-02-24T05:40:00Z'));
    expect(parseClockStart('2027-02-24T05:40Z')).toBe(Date.parse('2027-02-24T05:40:00Z'));
    for (const bad of ['tomorrow', '2027-02-30', '2027-02-24T08:40', '24.02.2027']) {
      expect(() => parseClockStart(bad), bad).toThrow(/^JOURNAL_CLOCK must be a date/);
    }
    expect(() => readConfig({ JOURNAL_CLOCK: 'soon' })).toThrow(/JOURNAL_CLOCK/);
  });

  it('a clock started elsewhere runs on with the real one; without JOURNAL_CLOCK it is the system clock', () => {
    let real = 1_000;
    const clock = clockStartingAt(Date.parse('2027-02-24T07:00:00Z'), () => real);
    expect(clock()).toBe(Date.parse('2027-02-24T07:00:00Z'));
    real += 90_000;
    expect(clock()).toBe(Date.parse('2027-02-24T07:01:30Z'));
    expect(clockFromEnv({})).toBe(systemClock);
    expect(Math.abs(readConfig({ JOURNAL_CLOCK: '2027-02-24' }).now() - Date.parse('2027-02-24T07:00:00Z'))).toBeLessThan(60_000);
  });

  it('the demo seeded on the server’s clock is filled up to that day and no further; every update is stamped by it', async () => {
    const server = await startTestServer({ at: '2027-02-24' });
    try {
      const school = await loadStoredDoc(server.storage, 'school/demo/2026');
      const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
      const lessons = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS);
      const topic = (date: string) =>
        lessons.filter((l) => (date < '2027-02-24' ? l.date < date : l.date > date)).map((l) => readLesson(journal, l.id).topic);
      expect(
        topic('2027-02-20').every((t) => t !== ''),
        'lessons before the day are filled',
      ).toBe(true);
      expect(
        topic('2027-02-24').every((t) => t === ''),
        'lessons after the day are empty',
      ).toBe(true);
      const [first] = await server.storage.readUpdates('journal/5b/2026', 0);
      expect(Math.abs(first.serverTime - Date.parse('2027-02-24T07:00:00Z'))).toBeLessThan(60_000);
    } finally {
      await server.dispose();
    }
  });
});
