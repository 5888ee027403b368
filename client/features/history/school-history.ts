import type { HistoryChange, HistoryResult } from './history-api.ts';

/** The class filter's value for every class the user may open: the deputy's whole school. */
export const ALL_CLASSES = '';

/**
 * HIST-2: the histories of several journals as one list, oldest first by the server's clock (each
 * journal's log is in its own order; `seq` only orders one journal). The first failure, if any
 * journal could not be read, is the answer: a whole-school list with a class missing would mislead.
 */
export function mergeHistories<T extends HistoryChange>(parts: ReadonlyArray<HistoryResult<T[]>>): HistoryResult<T[]> {
  const failed = parts.find((p) => !p.ok);
  if (failed && !failed.ok) return failed;
  const all = parts.flatMap((p) => (p.ok ? p.value : []));
  all.sort((a, b) => a.serverTime - b.serverTime || a.docName.localeCompare(b.docName) || a.seq - b.seq);
  return { ok: true, value: all };
}

/** Runs `fetchOne` for each journal (all at once) and merges the answers. */
export async function fetchAcross<T extends HistoryChange>(
  docs: readonly string[],
  fetchOne: (doc: string) => Promise<HistoryResult<T[]>>,
): Promise<HistoryResult<T[]>> {
  return mergeHistories(await Promise.all(docs.map(fetchOne)));
}
