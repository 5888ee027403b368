import * as encoding from 'lib0/encoding';
import { join } from 'node:path';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { change, CloseCode, MessageType } from '../../model/index.ts';
import {
  REFUSED_DAY_MAX_ROWS,
  REFUSED_PAGE_MAX_BYTES,
  REFUSED_PAGE_MAX_ROWS,
  REFUSED_PAGE_ROWS,
  REFUSED_PATH_MAX_CHARS,
  refusedSummaryText,
  sizeText,
  SYNC_LIMITS,
} from '../../sync-server/limits.ts';
import type { RefusedChange } from '../../sync-server/storage/refused-port.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import { JOURNAL } from './journal-fixture.ts';
import { campaignLogin, signInAs, request, type LimitCase, type LimitContext } from './limit-case.ts';
import { updateMessage } from './limit-flood.ts';
import { LimitSocket } from './limit-socket.ts';

const MiB = 1024 * 1024;
/** Refused changes past the day's quota: a hundred, so that the summary's count is plain to read. */
const OVER_QUOTA = 100;
/** A refused value this large as JSON is kept cut (STORE-18). */
const BIG_VALUE = 'ж'.repeat(0.75 * MiB);
const VALUE_BYTES = Buffer.byteLength(JSON.stringify(BIG_VALUE));
/** What the kernel buffers between two local sockets before the server's own buffer fills: a few MB. */
const KERNEL_ALLOWANCE = 16 * MiB;
/** An event that does not come in this long is a failure, not a slow machine. */
const PATIENCE_MS = 60_000;

interface RefusedPage {
  refused: RefusedChange[];
  next: string | null;
  bytes: number;
}

/** One page of the author's own refused list (`GET /api/refused`, STORE-19). */
async function refusedPage(ctx: LimitContext, cookie: string, query: string): Promise<RefusedPage> {
  const res = await request(ctx, `/api/refused?state=open&${query}`, { cookie });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/refused answered ${res.status}: ${text}`);
  return { ...(JSON.parse(text) as Omit<RefusedPage, 'bytes'>), bytes: Buffer.byteLength(text) };
}

/** Every page of the list, following `next`; whether each stayed within the bounds. */
async function allRefused(ctx: LimitContext, cookie: string): Promise<{ rows: RefusedChange[]; bounded: boolean }> {
  const rows: RefusedChange[] = [];
  let bounded = true;
  for (let after: string | null = ''; after !== null;) {
    const page: RefusedPage = await refusedPage(
      ctx,
      cookie,
      `limit=${REFUSED_PAGE_MAX_ROWS}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    bounded &&= page.refused.length <= REFUSED_PAGE_MAX_ROWS && page.bytes <= REFUSED_PAGE_MAX_BYTES;
    rows.push(...page.refused);
    after = page.next;
  }
  return { rows, bounded };
}

/**
 * Bytes of the journal's update log written by `userId`: what the store keeps of an author's
 * updates whatever the refused table keeps of them (the log is never cut, port.ts).
 */
async function loggedBytes(dataDir: string, userId: string): Promise<number> {
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
  try {
    return (await storage.readUpdates(JOURNAL, 0)).filter((u) => u.userId === userId).reduce((sum, u) => sum + u.update.length, 0);
  } finally {
    await storage.close();
  }
}

/** SyncStep1 with an empty state vector: the server answers with the whole document. */
function askWholeDocument(): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.sync);
  syncProtocol.writeSyncStep1(enc, new Y.Doc());
  return encoding.toUint8Array(enc);
}

/** STORE-18, STORE-19, PROTO-16: what the server keeps for a client is bounded however much it asks. */
export const KEPT_CASES: LimitCase[] = [
  {
    name: `Refused changes of one author a day: ${REFUSED_DAY_MAX_ROWS + OVER_QUOTA}, one of 1.5 MB, one with a 600-character path`,
    expected:
      `${REFUSED_DAY_MAX_ROWS + OVER_QUOTA} rejects; ${REFUSED_DAY_MAX_ROWS} kept + 1 summary «ещё ${OVER_QUOTA} отклонённых изменений…»; ` +
      `value cut to «… [не сохранено полностью: ${sizeText(VALUE_BYTES)}]»; path cut to ${REFUSED_PATH_MAX_CHARS}; ` +
      `pages of ${REFUSED_PAGE_ROWS} by default, each within ${REFUSED_PAGE_MAX_ROWS} rows and 1 MiB; the journal's log keeps less than the value`,
    run: async (ctx, i) => {
      const cookie = await signInAs(ctx, campaignLogin('refused', i));
      const author = await LimitSocket.open(ctx.origin, cookie, { ext: true });
      const doc = new Y.Doc();
      doc.on('update', (update: Uint8Array) => void author.send(updateMessage(update)));
      try {
        await author.welcomed;
        const meta = doc.getMap('meta');
        // Keys of this repetition's own: a write racing another author's for one key may lose in
        // Yjs's order before the server sees a change, and draw no reject at all.
        const [bigKey, longKey] = [`big-${i}`, `p${i}${'у'.repeat(600)}`];
        // The two that must be kept cut go first, in their own update: the quota keeps the first of the day.
        change(doc, 'refused', () => {
          meta.set(bigKey, BIG_VALUE);
          meta.set(longKey, 1);
        });
        const rejected = (count: number) =>
          waitFor(() => {
            if (author.rejects.length < count) throw new Error(`${author.rejects.length} rejects`);
          }, PATIENCE_MS).then(
            () => null,
            () =>
              `${author.rejects.length} rejects in ${PATIENCE_MS / 1000} s, socket ${author.isOpen ? 'open' : `closed with ${author.closeCode}`}`,
          );
        const first = await rejected(2);
        if (first) return first;
        change(doc, 'refused', () => {
          for (let k = 2; k < REFUSED_DAY_MAX_ROWS + OVER_QUOTA; k++) meta.set(`x${i}-${k}`, k);
        });
        const all = await rejected(REFUSED_DAY_MAX_ROWS + OVER_QUOTA);
        if (all) return all;
        // Rejects go out at once; the rows follow with the next commit.
        const { rows, bounded } = await waitFor(async () => {
          const list = await allRefused(ctx, cookie);
          if (!list.rows.some((r) => r.stored === 'summary' && (r.omitted?.count ?? 0) >= OVER_QUOTA)) throw new Error('no summary yet');
          return list;
        }, PATIENCE_MS).catch(() => allRefused(ctx, cookie));
        const summaries = rows.filter((r) => r.stored === 'summary');
        const summary = summaries[0];
        // The summary's text is the server's own, with its count and size (shortened in the answer).
        const summaryText =
          summary?.omitted && summary.detail === refusedSummaryText(summary.omitted.count, summary.omitted.bytes)
            ? `«ещё ${summary.omitted.count} отклонённых изменений…»`
            : `«${summary?.detail ?? 'none'}»`;
        const big = rows.find((r) => r.path === `meta/${bigKey}`);
        const marker = typeof big?.value === 'string' ? /… \[[^\]]+\]$/.exec(big.value)?.[0] : undefined;
        const long = rows.find((r) => r.path.startsWith(`meta/p${i}`));
        const page = await refusedPage(ctx, cookie, '');
        const logged = await loggedBytes(ctx.dataDir, `u-${campaignLogin('refused', i)}`);
        return (
          `${author.rejects.length} rejects; ${rows.length - summaries.length} kept + ${summaries.length} summary ${summaryText}; ` +
          `value cut to «${big?.stored === 'truncated' ? marker : 'not cut'}»; path cut to ${long?.stored === 'truncated' ? long.path.length : 'not cut'}; ` +
          `pages of ${page.refused.length} by default, each ${bounded ? `within ${REFUSED_PAGE_MAX_ROWS} rows and 1 MiB` : 'over the bounds'}; ` +
          `the journal's log keeps ${logged < VALUE_BYTES ? 'less than the value' : `${(logged / MiB).toFixed(1)} MB of them (the value whole)`}`
        );
      } finally {
        await author.close();
        doc.destroy();
      }
    },
  },
  {
    name: 'Unread data in one socket: a reader that never reads asks for the journal 150 times while the teacher writes',
    expected: `close ${CloseCode.slowReader}, given at most the bound`,
    run: async (ctx) => {
      const reader = await LimitSocket.open(ctx.origin, ctx.cookie('director'));
      await reader.welcomed;
      reader.pause();
      // 150 asks, within the burst of PROTO-17 so that all are read at once: ~30 MB of answers.
      for (let k = 0; k < 150; k++) await reader.send(askWholeDocument());
      // The asks are in the server's socket before these writes: once the writes are seen, the
      // asks have been read and answered into the reader's buffer.
      for (let k = 0; k < 3; k++) await ctx.honestEdit();
      reader.resume();
      const code = await Promise.race([reader.closed, new Promise<string>((r) => setTimeout(() => r('not closed'), PATIENCE_MS).unref())]);
      if (code === 'not closed') await reader.close();
      const bound = SYNC_LIMITS.sendBufferMaxBytes + KERNEL_ALLOWANCE + 2 * MiB;
      return `close ${code}, given ${reader.received <= bound ? 'at most the bound' : `${(reader.received / MiB).toFixed(1)} MB`}`;
    },
  },
];
