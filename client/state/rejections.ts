import { createStore, produce, reconcile } from 'solid-js/store';
import type { Rejection } from '../../model/index.ts';
import type { ChangeDescription } from '../features/rights/describe-change.ts';
import { deleteRejections, loadRejections, saveRejections } from './app-db.ts';

/**
 * The «Не принято» list: every change the server refused (PROTO-11), kept in IndexedDB per
 * user until the user dismisses it, so that nothing a teacher typed silently disappears —
 * not across a reload, not on an offline start.
 */
export interface StoredRejection extends Rejection {
  id: string;
  userId: string;
  docName: string;
  /** When the server refused it (its clock), else when we heard of it. */
  at: number;
  description: ChangeDescription;
}

/** Enough for a week of a teacher's work offline; the oldest go first beyond it. */
const MAX_KEPT = 500;

const [list, setList] = createStore<StoredRejection[]>([]);
let shownFor: string | null = null;
let loading: Promise<void> | null = null;

/** The signed-in user's refused changes, oldest first. */
export function rejectionList(): readonly StoredRejection[] {
  return list;
}

/** Shows the list of `userId` (null: nobody is signed in); loads it from IndexedDB once. */
export function showRejectionsOf(userId: string | null): Promise<void> {
  if (userId === shownFor) return loading ?? Promise.resolve();
  shownFor = userId;
  setList(reconcile([]));
  if (userId === null) return (loading = Promise.resolve());
  loading = loadRejections(userId).then((rows) => {
    if (shownFor !== userId) return;
    // Rejections that arrived while IndexedDB was read are already in the list.
    const seen = new Set(list.map((r) => r.id));
    setList((now) => [...rows.filter((r) => !seen.has(r.id)), ...now].sort((a, b) => a.at - b.at));
  });
  return loading;
}

/** The server refused a change of `docName` that `userId` wrote: keep it until dismissed. */
export function keepRejection(userId: string, docName: string, r: Rejection, description: ChangeDescription): void {
  const row: StoredRejection = {
    ...r,
    id: crypto.randomUUID(),
    userId,
    docName,
    at: typeof r.at === 'number' ? r.at : Date.now(),
    description,
  };
  void saveRejections([row]);
  if (shownFor !== userId) return;
  setList(produce((l) => void l.push(row)));
  if (list.length > MAX_KEPT) dismissRejections(list.slice(0, list.length - MAX_KEPT).map((x) => x.id));
}

/** The user has read these: they leave the list and IndexedDB. */
export function dismissRejections(ids: readonly string[]): void {
  const gone = new Set(ids);
  setList((l) => l.filter((r) => !gone.has(r.id)));
  void deleteRejections(ids);
}
