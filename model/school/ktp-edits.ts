import type * as Y from 'yjs';
import { randomId, type SubjectId, type UserId } from '../ids.ts';
import { ktpItems, type KtpItem } from './ktp.ts';
import { ownKtp } from './ktp-plan.ts';

/** One write of a КТП edit: the topic to store under the key, or null to remove it. */
export type KtpWrite = readonly [key: string, item: KtpItem | null];

type Plan = ReadonlyArray<readonly [string, KtpItem]>;

/**
 * SETUP-26: the writes that number a plan's topics in the given sequence 0, 1, 2 … (the topic's
 * № − 1, as the import and export number them): only the topics whose number changes, so a move
 * writes two topics and an insertion the topics after it; a plan with gaps (an import may leave
 * them) is closed up by its next edit.
 *
 * @example ktpRenumber([['a', { …order: 0 }], ['c', { …order: 2 }], ['b', { …order: 1 }]]) // [['c', { …order: 1 }], ['b', { …order: 2 }]]
 */
export function ktpRenumber(sequence: Plan): KtpWrite[] {
  return sequence.flatMap(([key, item], i): KtpWrite[] => (item.order === i ? [] : [[key, { ...item, order: i }]]));
}

/** SETUP-26: a new topic at position `at` (0 = first, `plan.length` = at the end), the rest renumbered. */
export function ktpInsertWrites(plan: Plan, at: number, key: string, item: KtpItem): KtpWrite[] {
  const sequence = [...plan];
  // The new topic has no number yet: -1 makes the renumbering always write it.
  sequence.splice(Math.max(0, Math.min(at, plan.length)), 0, [key, { ...item, order: -1 }]);
  return ktpRenumber(sequence);
}

/** SETUP-26: the topic at `index` swapped with its neighbour above (`-1`) or below (`+1`); nothing at the ends. */
export function ktpMoveWrites(plan: Plan, index: number, delta: -1 | 1): KtpWrite[] {
  const other = index + delta;
  if (index < 0 || index >= plan.length || other < 0 || other >= plan.length) return [];
  const sequence = [...plan];
  [sequence[index], sequence[other]] = [sequence[other], sequence[index]];
  return ktpRenumber(sequence);
}

/** SETUP-26: the topic removed (null) and the topics after it numbered up. */
export function ktpRemoveWrites(plan: Plan, key: string): KtpWrite[] {
  return [[key, null], ...ktpRenumber(plan.filter(([k]) => k !== key))];
}

/** A key no topic has: random (ID-3), since two offline editors must never mint the same one. */
export function newKtpKey(doc: Y.Doc, random: () => number = Math.random, taken: ReadonlySet<string> = new Set()): string {
  let key: string;
  do key = randomId(8, random);
  while (taken.has(key) || ktpItems.get(doc, key) !== undefined);
  return key;
}

/**
 * SETUP-27: why another teacher's КТП of a subject and grade cannot be copied as `to`'s start:
 * the same teacher, nothing to copy, or `to` already has topics (lessons may link to them, so a
 * copy never replaces them).
 */
export function ktpCopyProblems(doc: Y.Doc, from: UserId, to: UserId, subjectId: SubjectId, grade: number): string[] {
  if (from === to) return ['Выберите другого учителя: КТП копируется у коллеги.'];
  const out: string[] = [];
  if (ownKtp(doc, from, subjectId, grade).length === 0) out.push('У выбранного учителя нет КТП по этому предмету и классу.');
  if (ownKtp(doc, to, subjectId, grade).length > 0)
    out.push('КТП уже начат: копия делается только в пустой план (удалите темы или правьте их).');
  return out;
}

/** SETUP-27: `from`'s topics of the subject and grade as `to`'s, new keys, numbered 0, 1, 2 … in plan order. */
export function ktpCopyWrites(
  doc: Y.Doc,
  from: UserId,
  to: UserId,
  subjectId: SubjectId,
  grade: number,
  random: () => number = Math.random,
): KtpWrite[] {
  const taken = new Set<string>();
  return ownKtp(doc, from, subjectId, grade).map(([, item], order): KtpWrite => {
    const key = newKtpKey(doc, random, taken);
    taken.add(key);
    return [key, { ...item, teacherId: to, order }];
  });
}

/** Writes a КТП edit through the accessors; the caller wraps it in one transaction (one update to check). */
export function applyKtpWrites(doc: Y.Doc, writes: readonly KtpWrite[]): void {
  for (const [key, item] of writes) {
    if (item) ktpItems.set(doc, key, item);
    else ktpItems.remove(doc, key);
  }
}
