import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  change,
  encodeAck,
  encodeClock,
  encodeEditTimes,
  encodeReject,
  MessageType,
  RejectReason,
  setLessonField,
  type LessonId,
} from '../../model/index.ts';

/** One frame a hostile client sends: its kind (for the table) and its bytes, or text for a text frame. */
export interface WireFrame {
  kind: string;
  data: Uint8Array | string;
}

/**
 * Seeded frames of every message type a client can put on the wire (model/protocol/messages.ts):
 * valid ones, valid ones mutated (bits flipped, cut, spliced), and random bytes. The updates are
 * made on a copy of the real journal, so that many of them reach the rights check and some are
 * honest writes; each gets a fresh Yjs client id, so that none depends on another.
 */
export class FrameGenerator {
  private readonly rng: prng.PRNG;
  private readonly doc: Y.Doc;
  private n = 0;

  constructor(
    seed: number,
    journal: Y.Doc,
    private readonly lessons: readonly LessonId[],
  ) {
    this.rng = prng.create(seed);
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(journal));
  }

  next(): WireFrame {
    const r = this.rng;
    const kinds: Array<[string, () => Uint8Array | string]> = [
      ['random bytes', () => prng.uint8Array(r, prng.uint32(r, 0, 64))],
      [
        'known type, random body',
        () => concat(varUint(prng.oneOf(r, Object.values(MessageType))), prng.uint8Array(r, prng.uint32(r, 0, 48))),
      ],
      ['sync step 1, random state vector', () => this.syncStep1()],
      ['sync update (valid)', () => this.update()],
      ['sync update, mutated', () => mutate(r, this.update())],
      ['sync update, foreign shape', () => this.foreignUpdate()],
      ['awareness, random states', () => this.awareness()],
      ['awareness, mutated', () => mutate(r, this.awareness())],
      ['ack from a client', () => encodeAck(this.stateVector())],
      ['reject from a client', () => encodeReject({ reason: prng.oneOf(r, Object.values(RejectReason)), detail: prng.word(r) })],
      [
        'clock, odd values',
        () => encodeClock(prng.oneOf(r, [NaN, Infinity, -Infinity, -1, 0, 1e300, Date.now() + prng.int32(r, -1e9, 1e9)])),
      ],
      ['edit times, random ranges', () => this.editTimes()],
      ['edit times, mutated', () => mutate(r, this.editTimes())],
      ['text frame', () => prng.word(r, 0, 40)],
    ];
    const [kind, make] = kinds[prng.uint32(r, 0, kinds.length - 1)];
    this.n++;
    return { kind, data: make() };
  }

  private syncStep1(): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(enc, this.stateVector());
    return encoding.toUint8Array(enc);
  }

  private stateVector(): Uint8Array {
    const sv = new Map<number, number>();
    for (let i = prng.uint32(this.rng, 0, 4); i > 0; i--) sv.set(prng.uint32(this.rng, 0, 2 ** 31), prng.uint32(this.rng, 0, 2 ** 31));
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, sv.size);
    for (const [c, k] of sv) {
      encoding.writeVarUint(enc, c);
      encoding.writeVarUint(enc, k);
    }
    return encoding.toUint8Array(enc);
  }

  /** A homework change on one of the teacher's lessons: what an honest client sends. */
  private update(): Uint8Array {
    return this.capture((doc) => {
      const lesson = this.lessons[prng.uint32(this.rng, 0, this.lessons.length - 1)];
      change(doc, 'wire', () => setLessonField(doc, lesson, 'homework', `wire ${this.n}`));
    });
  }

  /** What PROTO-10 refuses whole: another root name, a nested type, list content. */
  private foreignUpdate(): Uint8Array {
    const which = prng.uint32(this.rng, 0, 2);
    return this.capture((doc) => {
      if (which === 0) doc.getMap(`evil-${this.n}`).set('x', 1);
      else if (which === 1) doc.getMap('lessons').set(`nested-${this.n}`, new Y.Map());
      else doc.getArray(`list-${this.n}`).insert(0, [1, 2, 3]);
    });
  }

  private capture(edit: (doc: Y.Doc) => void): Uint8Array {
    this.doc.clientID = prng.uint32(this.rng, 1, 2 ** 31);
    const out: Uint8Array[] = [];
    const take = (u: Uint8Array) => out.push(u);
    this.doc.on('update', take);
    edit(this.doc);
    this.doc.off('update', take);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeUpdate(enc, Y.mergeUpdates(out));
    return encoding.toUint8Array(enc);
  }

  private awareness(): Uint8Array {
    const r = this.rng;
    const inner = encoding.createEncoder();
    const count = prng.uint32(r, 0, 6);
    encoding.writeVarUint(inner, count);
    for (let i = 0; i < count; i++) {
      encoding.writeVarUint(inner, prng.uint32(r, 0, 2 ** 31));
      encoding.writeVarUint(inner, prng.uint32(r, 0, 1000));
      const state = prng.oneOf(r, [
        null,
        {},
        { user: { name: prng.word(r) } },
        { cursor: prng.int32(r, -1e6, 1e6) },
        'x'.repeat(prng.uint32(r, 0, 20_000)),
      ]);
      encoding.writeVarString(inner, prng.bool(r) ? JSON.stringify(state) : prng.word(r));
    }
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.awareness);
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
    return encoding.toUint8Array(enc);
  }

  private editTimes(): Uint8Array {
    const r = this.rng;
    const times = Array.from({ length: prng.uint32(r, 0, 8) }, () => {
      const from = prng.uint32(r, 0, 1000);
      return { client: prng.uint32(r, 0, 2 ** 31), from, to: from + prng.int32(r, -2, 50), at: Date.now() + prng.int32(r, -1e10, 1e10) };
    });
    return encodeEditTimes(times);
  }
}

/** One of: a bit flipped, a byte replaced, the tail cut, random bytes spliced in. */
function mutate(r: prng.PRNG, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  const at = prng.uint32(r, 0, Math.max(0, out.length - 1));
  switch (prng.uint32(r, 0, 3)) {
    case 0:
      out[at] ^= 1 << prng.uint32(r, 0, 7);
      return out;
    case 1:
      out[at] = prng.uint32(r, 0, 255);
      return out;
    case 2:
      return out.slice(0, at);
    default:
      return concat(out.slice(0, at), prng.uint8Array(r, prng.uint32(r, 1, 16)), out.slice(at));
  }
}

function varUint(n: number): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, n);
  return encoding.toUint8Array(enc);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
