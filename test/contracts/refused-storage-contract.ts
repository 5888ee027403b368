import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REFUSED_DAY_MAX_BYTES,
  REFUSED_DAY_MAX_ROWS,
  REFUSED_PREVIEW_CHARS,
  REFUSED_VALUE_MAX_BYTES,
  refusedSummaryText,
} from '../../sync-server/limits.ts';
import type { RefusedChange, Storage } from '../../sync-server/storage/port.ts';

const DAY = 24 * 60 * 60 * 1000;
/** 12:00 Moscow time on a school day: the quota's day runs from 21:00 UTC before to 21:00 UTC. */
const NOON = Date.parse('2026-11-10T09:00:00Z');

const refused = (id: string, over: Partial<RefusedChange> = {}): RefusedChange => ({
  id,
  docName: 'journal/5b/2026',
  path: `lessons/261110.2.math:topic`,
  value: 'Тема',
  oldValue: undefined,
  userId: 'u1',
  sessionId: 's1',
  reason: 'invalid-value',
  detail: 'недопустимое значение',
  clientTime: null,
  serverTime: NOON,
  state: 'open',
  resolvedBy: null,
  resolvedAt: null,
  resolution: null,
  ...over,
});

/** Every row of a filter, following the pages (STORE-19). */
async function allPages(storage: Storage, filter: { userId?: string }, limit: number): Promise<RefusedChange[]> {
  const out: RefusedChange[] = [];
  for (let after: string | undefined; ;) {
    const page = await storage.listRefused({ ...filter, limit, after });
    out.push(...page);
    if (page.length < limit) return out;
    after = page[page.length - 1].id;
  }
}

/**
 * The refused changes' bounds in the storage port (STORE-18, STORE-19), run against every adapter:
 * whatever a client sends, a refused change costs the store a bounded amount, an author's day a
 * bounded total, and a page of the list a bounded answer.
 */
export function refusedStorageContract(adapterName: string, open: () => Promise<Storage>, cleanup: () => Promise<void> = async () => {}) {
  describe(`refused changes' bounds: ${adapterName}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
      await cleanup();
    });

    it('STORE-18: a value over the bound is kept cut short with a marker; one within it whole', async () => {
      const huge = 'щ'.repeat(1024 * 1024);
      const whole = 'ю'.repeat(Math.floor(REFUSED_VALUE_MAX_BYTES / 2) - 10);
      await storage.appendRefused([refused('big', { value: huge, oldValue: 'старая' }), refused('fits', { value: whole })]);
      const big = (await storage.findRefused('big'))!;
      expect(big.stored).toBe('truncated');
      expect(typeof big.value).toBe('string');
      expect(big.value as string).toMatch(/^"щщщ.*… \[не сохранено полностью: 2 МБ\]$/);
      expect((big.value as string).length).toBeLessThan(REFUSED_PREVIEW_CHARS + 60);
      expect(big.oldValue).toBe('старая');
      expect(await storage.findRefused('fits')).toMatchObject({ stored: 'full', value: whole });
    });

    it("STORE-18: beyond an author's quota of the day, one summary row counts the rest; other authors and the next day are untouched", async () => {
      const rows = Array.from({ length: REFUSED_DAY_MAX_ROWS + 5 }, (_, i) =>
        refused(`r${i}`, { path: `lessons/261110.${i}.math:topic`, serverTime: NOON + i }),
      );
      // In two calls, as two commits of a room would: the count carries over.
      await storage.appendRefused(rows.slice(0, 700));
      await storage.appendRefused([
        ...rows.slice(700),
        refused('other', { userId: 'u2' }),
        refused('tomorrow', { serverTime: NOON + DAY }),
      ]);
      const mine = await allPages(storage, { userId: 'u1' }, 200);
      expect(mine.length).toBe(REFUSED_DAY_MAX_ROWS + 2);
      const summary = mine.find((r) => r.stored === 'summary')!;
      const first = rows[REFUSED_DAY_MAX_ROWS];
      expect(summary).toMatchObject({ id: first.id, path: first.path, reason: first.reason, omitted: { count: 5, bytes: 5 * 10 } });
      expect(summary.detail).toBe(refusedSummaryText(5, 50));
      expect(summary.detail).toMatch(/^ещё 5 отклонённых изменений, 1 КБ, не сохранены полностью/);
      expect(summary.value).toBeUndefined();
      expect(await storage.findRefused(rows[REFUSED_DAY_MAX_ROWS + 1].id)).toBeNull();
      expect(mine.find((r) => r.id === 'tomorrow')?.stored).toBe('full');
      expect((await storage.listRefused({ userId: 'u2' })).map((r) => r.stored)).toEqual(['full']);
    });

    it("STORE-18: the bytes of an author's day are bounded too", async () => {
      const value = 'ж'.repeat(Math.floor(REFUSED_VALUE_MAX_BYTES / 2) - 20);
      const rows = Array.from({ length: 300 }, (_, i) => refused(`b${i}`, { value, serverTime: NOON + i }));
      await storage.appendRefused(rows);
      const kept = await allPages(storage, { userId: 'u1' }, 100);
      const whole = kept.filter((r) => r.stored === 'full');
      const keptBytes = whole.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r.value)), 0);
      expect(keptBytes).toBeLessThanOrEqual(REFUSED_DAY_MAX_BYTES);
      expect(keptBytes).toBeGreaterThan(REFUSED_DAY_MAX_BYTES - 2 * REFUSED_VALUE_MAX_BYTES);
      const summary = kept.find((r) => r.stored === 'summary')!;
      expect(summary.omitted?.count).toBe(300 - whole.length);
    });

    it('STORE-19: the list is paged newest first; following `after` gives every row once', async () => {
      await storage.appendRefused(Array.from({ length: 25 }, (_, i) => refused(`p${i}`, { serverTime: NOON + (i % 5) })));
      const all = (await storage.listRefused({})).map((r) => r.id);
      expect(all.length).toBe(25);
      expect((await allPages(storage, {}, 7)).map((r) => r.id)).toEqual(all);
      expect((await storage.listRefused({ limit: 3 })).map((r) => r.id)).toEqual(all.slice(0, 3));
    });
  });
}
