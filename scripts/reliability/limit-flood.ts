import * as encoding from 'lib0/encoding';
import { performance } from 'node:perf_hooks';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { change, MessageType, readAck, readLesson, setLessonField, type LessonId } from '../../model/index.ts';
import { SYNC_LIMITS } from '../../sync-server/limits.ts';
import { connectClient, synced } from '../../test/helpers/ws-client.ts';
import { JOURNAL } from './journal-fixture.ts';
import { LimitSocket } from './limit-socket.ts';

/** An honest edit not seen in this long is lost, not slow. */
const PATIENCE_MS = 60_000;
/** The honest pair writes these lessons; each flooder one of the rest, so no two writers race for a key (SYNC-9). */
export const HONEST_LESSONS = 10;
/**
 * A flooder's pace, changes a second after a first burst that empties its bucket: ten times what
 * PROTO-17 lets through, or a third over it. The heavy one's backlog soon holds more than 30 s of
 * reading; the mild one's stays under that for the minute PROTO-17 holds it back. Paced by the
 * clock, not by timer ticks, so that a busy machine does not bring the mild one under the rate.
 */
export const FLOOD_PACES = { heavy: 500, mild: 65 } as const;
export type FloodPace = keyof typeof FLOOD_PACES;

/** The teacher writing and the class teacher reading 5Б, as two people at work would. */
export interface HonestPair {
  /** One edit, resolved with the ms from the writer's change to the reader seeing it. */
  edit(): Promise<number>;
  /** Every close of either honest socket (none is promised). */
  closes: string[];
  destroy(): void;
}

export async function honestPair(origin: string, writerCookie: string, readerCookie: string, lessons: LessonId[]): Promise<HonestPair> {
  const writer = connectClient({ origin }, JOURNAL, writerCookie, { ext: true });
  const reader = connectClient({ origin }, JOURNAL, readerCookie);
  await Promise.all([synced(writer), synced(reader)]);
  const closes: string[] = [];
  for (const [who, c] of [
    ['writer', writer],
    ['reader', reader],
  ] as const) {
    c.provider.on('connection-close', (e: { code: number } | null) => closes.push(`${who} ${e ? e.code : 'closed locally'}`));
  }
  let k = 0;
  const editOnce = () => {
    const lesson = lessons[k % HONEST_LESSONS];
    const value = `Честное задание ${k++}`;
    const start = performance.now();
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        reader.doc.off('update', seen);
        reject(new Error(`an honest edit was not seen in ${PATIENCE_MS / 1000} s`));
      }, PATIENCE_MS);
      const seen = () => {
        if (readLesson(reader.doc, lesson).homework !== value) return;
        clearTimeout(timer);
        reader.doc.off('update', seen);
        resolve(performance.now() - start);
      };
      reader.doc.on('update', seen);
      change(writer.doc, 'honest', () => setLessonField(writer.doc, lesson, 'homework', value));
    });
  };
  // One edit at a time, whoever asks: a later edit of the same lesson committed with an earlier one
  // would hide it from the reader, and a latency is one edit's own.
  let last: Promise<unknown> = Promise.resolve();
  return {
    closes,
    edit: () => {
      const next = last.then(editOnce);
      last = next.catch(() => {});
      return next;
    },
    destroy: () => {
      writer.destroy();
      reader.destroy();
    },
  };
}

/** How a flooding connection ended (PROTO-17). */
export interface FloodOutcome {
  /** The close code the server sent, null when the flood was stopped without one. */
  code: number | null;
  closedAfterMs: number;
  sent: number;
  /** Changes the server committed and acknowledged. */
  taken: number;
  /** The most changes committed at once (one ack to the next): what one read of the socket held. */
  largestBatch: number;
  /** The server took fewer than were sent, and no more than its rate allows over the flood's time. */
  heldBack: boolean;
}

export interface Flood {
  sent(): number;
  taken(): number;
  /** Resolves when the server closes the flooder, or when `stop` is called. */
  outcome: Promise<FloodOutcome>;
  stop(): void;
}

/**
 * A raw socket writing one lesson's homework at `pace`, until the server closes it. It starts from
 * `base` (the stored journal), so that its first write is over a value it has seen (no SYNC-9
 * settling), and reads nothing but its acks: twenty stock clients applying each other's updates
 * would make this process, not the server, the bottleneck of a full-size run.
 */
export async function startFlood(origin: string, cookie: string, lesson: LessonId, pace: FloodPace, base: Y.Doc): Promise<Flood> {
  const socket = await LimitSocket.open(origin, cookie, { ext: true });
  await socket.welcomed;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  /** The flooder's own clock in each ack: how many of its changes the server has committed. */
  const acked: number[] = [0];
  socket.handlers.set(MessageType.ack, (dec) => acked.push(Y.decodeStateVector(readAck(dec)).get(doc.clientID) ?? 0));
  doc.on('update', (update: Uint8Array) => void socket.send(updateMessage(update)));
  const taken = () => acked.at(-1)!;
  let sent = 0;
  const start = performance.now();
  const timer = setInterval(() => {
    const due = SYNC_LIMITS.messagesBurst + (FLOOD_PACES[pace] * (performance.now() - start)) / 1000;
    while (sent < due) {
      const k = sent++;
      change(doc, 'flood', () => setLessonField(doc, lesson, 'homework', `Флуд ${k}`));
    }
  }, 10);
  let end: (code: number | null) => void = () => {};
  const outcome = new Promise<FloodOutcome>((resolve) => {
    end = (code) => {
      end = () => {};
      clearInterval(timer);
      const elapsed = performance.now() - start;
      const largestBatch = Math.max(0, ...acked.map((c, i) => c - (acked[i - 1] ?? c)));
      // The rate over the flood's time with a tenth to spare for timers, and the messages of the
      // last read, which the server handles before it pauses (they are debt, MessageRate).
      const allowed = SYNC_LIMITS.messagesBurst + (SYNC_LIMITS.messagesPerSecond * elapsed * 1.1) / 1000 + largestBatch;
      resolve({ code, closedAfterMs: elapsed, sent, taken: taken(), largestBatch, heldBack: taken() < sent && taken() <= allowed });
      void socket.close();
      doc.destroy();
    };
  });
  void socket.closed.then((code) => end(code));
  return { sent: () => sent, taken, outcome, stop: () => end(null) };
}

/** A sync update message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.sync);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

/** The q-th quantile (0…1) of some numbers, by the nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
