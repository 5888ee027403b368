import { HTTPException } from 'hono/http-exception';
import { REFUSED_PAGE_MAX_BYTES, REFUSED_PAGE_MAX_ROWS, REFUSED_PAGE_ROWS } from '../limits.ts';
import type { RefusedChange, RefusedFilter, Storage } from '../storage/port.ts';

/** Room for `{"refused":[…],"next":"…"}` around the rows. */
const ENVELOPE_BYTES = 256;

/**
 * STORE-19: one page of `GET /api/refused`, newest first: at most `limit` rows (100 by default,
 * 500 at most) and never more than `REFUSED_PAGE_MAX_BYTES` of JSON — a page ends early rather
 * than grow (each row is bounded by STORE-18, so one always fits). `next` is the id to pass as
 * `after` for the following page, or null on the last one.
 */
export async function refusedPage(
  storage: Storage,
  filter: Omit<RefusedFilter, 'limit' | 'after'>,
  query: { limit?: string; after?: string },
): Promise<{ refused: RefusedChange[]; next: string | null }> {
  const limit = query.limit === undefined ? REFUSED_PAGE_ROWS : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > REFUSED_PAGE_MAX_ROWS) {
    throw new HTTPException(400, { message: `Размер страницы — от 1 до ${REFUSED_PAGE_MAX_ROWS}` });
  }
  const rows = await storage.listRefused({ ...filter, limit: limit + 1, after: query.after });
  const page: RefusedChange[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const row of rows.slice(0, limit)) {
    bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
    if (page.length > 0 && bytes > REFUSED_PAGE_MAX_BYTES) break;
    page.push(row);
  }
  return { refused: page, next: page.length < rows.length ? page[page.length - 1].id : null };
}
