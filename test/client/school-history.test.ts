import { describe, expect, it } from 'vitest';
import type { HistoryChange, HistoryResult } from '../../client/features/history/history-api.ts';
import { fetchAcross, mergeHistories } from '../../client/features/history/school-history.ts';

const change = (docName: string, seq: number, serverTime: number): HistoryChange => ({
  docName,
  seq,
  path: `lessons/261209.2.math:topic`,
  oldValue: 'было',
  newValue: 'стало',
  userId: 'u-teacher',
  asSubstitute: false,
  clientTime: null,
  serverTime,
  clockOffsetMs: null,
  note: null,
});
const ok = (value: HistoryChange[]): HistoryResult<HistoryChange[]> => ({ ok: true, value });

describe('the whole school’s corrections (E2E-32)', () => {
  it('HIST-2: the journals’ corrections are one list, oldest first by the server’s clock, whatever each log’s own order', () => {
    const merged = mergeHistories([
      ok([change('journal/5b/2026', 7, 300), change('journal/5b/2026', 9, 500)]),
      ok([change('journal/10a/2026', 2, 100), change('journal/10a/2026', 3, 400)]),
      ok([]),
    ]);
    expect(merged.ok && merged.value.map((c) => `${c.docName}#${c.seq}`)).toEqual([
      'journal/10a/2026#2',
      'journal/5b/2026#7',
      'journal/10a/2026#3',
      'journal/5b/2026#9',
    ]);
  });

  it('HIST-2: one journal that cannot be read makes the whole list an error, not a list with a class missing', () => {
    const merged = mergeHistories([ok([change('journal/5b/2026', 1, 1)]), { ok: false, error: 'Этот документ вам недоступен' }]);
    expect(merged).toEqual({ ok: false, error: 'Этот документ вам недоступен' });
  });

  it('HIST-2: every journal is asked, each once', async () => {
    const asked: string[] = [];
    const merged = await fetchAcross(['journal/1a/2026', 'journal/5b/2026'], async (doc) => {
      asked.push(doc);
      return ok([change(doc, 1, doc.length)]);
    });
    expect(asked.sort()).toEqual(['journal/1a/2026', 'journal/5b/2026']);
    expect(merged.ok && merged.value).toHaveLength(2);
  });
});
