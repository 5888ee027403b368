import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { connectPeer, noteEdit, whenSynced, type Peer } from './peers-clients.ts';
import { DEVICES, journalName, steadyClasses, TEACHERS } from './peers-data.ts';
import type { PeerServer } from './peers-servers.ts';

/**
 * 20 journals × 5 clients on one server, kept connected through the edit workload and the
 * reconnect storms. Client i is device i % 5 of the teacher of journal `b{⌊i/5⌋+1}` and writes
 * the marks of student `s{i}` (the sync bench's choice); every mark carries an edit id in its
 * comment, by which the other clients of the journal time its arrival.
 */
export interface Fleet {
  server: PeerServer;
  peers: Peer[];
  /** Where the running window's figures go; null between windows. */
  window: WindowLog | null;
  /** Writes client i's next mark. */
  write(i: number): void;
}

export interface WindowLog {
  measuring: boolean;
  /** Measured edits whose arrival at every other client of the journal is still awaited. */
  pending: Map<string, { at: number; left: number }>;
  /** Edit → the last of the journal's other clients, ms. */
  toAll: number[];
  /** Edit → each other client, ms (one sample per arrival, as the sync bench counts). */
  toEach: number[];
  /** Edit → durable ack (ours), ms. */
  acks: number[];
  /** Measured edits still to be acknowledged (ours). */
  unacked: number;
  edits: number;
  from: number;
  to: number;
}

export function newWindowLog(): WindowLog {
  return { measuring: false, pending: new Map(), toAll: [], toEach: [], acks: [], unacked: 0, edits: 0, from: Infinity, to: Infinity };
}

/**
 * Connects the fleet: ours with each device's own session (`cookies[teacher - 1][device]`);
 * the reference with `seed(journal)`'s state fed first, so that both serve the same documents.
 */
export async function connectFleet(server: PeerServer, cookies: string[][] | null, seed?: (name: string) => Uint8Array): Promise<Fleet> {
  const peers: Peer[] = [];
  const perJournal = DEVICES;
  if (seed) await feed(server, steadyClasses.map(journalName), seed);
  steadyClasses.forEach((classId, k) => {
    for (let d = 0; d < perJournal; d++) peers.push(connectPeer(server, journalName(classId), cookies?.[k][d] ?? ''));
  });
  await Promise.all(peers.map(whenSynced));
  return fleetOf(server, peers);
}

/**
 * The fleet of `peers`, synced already, journal by journal (client i is device i % 5 of journal
 * ⌊i/5⌋): client i writes student `s{i mod 100}`, so every journal of 100 students serves the workload.
 */
export function fleetOf(server: PeerServer, peers: Peer[]): Fleet {
  const perJournal = DEVICES;
  const fleet: Fleet = { server, peers, window: null, write: () => {} };
  const counters = peers.map(() => 0);
  fleet.write = (i) => {
    const p = peers[i];
    const n = counters[i]++;
    const day = String(1 + (Math.floor(n / 4) % 28)).padStart(2, '0');
    const w = fleet.window;
    const at = performance.now();
    const id = `${i}.${n}`;
    if (w?.measuring) {
      w.pending.set(id, { at, left: perJournal - 1 });
      w.edits++;
    }
    const student = `s${i % (TEACHERS * DEVICES)}`;
    p.doc.transact(() => p.doc.getMap('marks').set(`2611${day}.1.math:${student}:${n % 4}`, `${1 + (n % 5)}|oral|1|${id}`));
    if (server.side === 'ours') noteEdit(p, at);
  };
  for (const p of peers) listen(fleet, p);
  return fleet;
}

/** Times the arrival of measured edits at `p`, and their acks when `p` is the writer. */
function listen(fleet: Fleet, p: Peer): void {
  const marks = p.doc.getMap('marks');
  marks.observe((e, tr) => {
    const w = fleet.window;
    if (tr.local || !w) return;
    const now = performance.now();
    for (const key of e.keysChanged) {
      const v = marks.get(key);
      if (typeof v !== 'string') continue;
      const id = v.slice(v.lastIndexOf('|') + 1);
      const edit = w.pending.get(id);
      if (!edit) continue;
      w.toEach.push(now - edit.at);
      if (--edit.left === 0) {
        w.toAll.push(now - edit.at);
        w.pending.delete(id);
      }
    }
  });
  if (fleet.server.side !== 'ours') return;
  p.onAck = (waited, at) => {
    const w = fleet.window;
    if (w && at >= w.from && at <= w.to) {
      w.acks.push(waited);
      w.unacked--;
    }
  };
}

/** Gives each room of the reference its journal's state through one short-lived client, as a device would. */
async function feed(server: PeerServer, names: string[], seed: (name: string) => Uint8Array): Promise<void> {
  const feeders = names.map((name) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seed(name));
    return connectPeer(server, name, '', { doc });
  });
  await Promise.all(feeders.map(whenSynced));
  // The feeder's own state goes out right after its sync step 1; give it time to be applied.
  await new Promise((r) => setTimeout(r, 300));
  for (const f of feeders) f.destroy();
}

/** The fleet's state of each journal, as its first client holds it (to seed the reference's rooms). */
export function journalStates(fleet: Fleet): (name: string) => Uint8Array {
  const byName = new Map<string, Uint8Array>();
  steadyClasses.forEach((classId, k) => byName.set(journalName(classId), Y.encodeStateAsUpdate(fleet.peers[k * DEVICES].doc)));
  return (name) => byName.get(name)!;
}

/** Every client holds the journal's roster (both servers serve the same documents). */
export function checkSameDocuments(fleet: Fleet, students: number): void {
  for (const p of fleet.peers) {
    const n = p.doc.getMap('students').size;
    if (n < students) throw new Error(`${fleet.server.side}: a client holds ${n} students, expected ${students}`);
  }
}

export function destroyFleet(fleet: Fleet): void {
  for (const p of fleet.peers) p.destroy();
}
