import type * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  addEditTime,
  change,
  encodeClock,
  encodeEditTimes,
  EXTENSIONS_PARAM,
  MAX_EDIT_TIMES_PER_MESSAGE,
  MessageType,
  readAck,
  readReject,
  unackedEditTimes,
  type EditTime,
  type Rejection,
} from '../../model/index.ts';
import { OwnUpdates } from '../../client/sync/own-updates.ts';
import { webSocketWithHeaders } from '../../test/helpers/ws-client.ts';

/** The transaction origin of a device's own typing: only these are dated (PROTO-13), as in the app. */
const DEVICE_EDIT = 'device-edit';

/** A reject as the device received it, and during which life of the server (counted by `follow`). */
export type ReceivedReject = Rejection & { serverLife: number };

export interface DeviceOptions {
  /** For the table and for problems: «teacher/2». */
  name: string;
  userId: string;
  docName: string;
  origin: string;
  cookie: string;
  /** The Yjs client id, from the item's seed, so that a seed replays the same clients. */
  clientId: number;
  /**
   * The device's clock. With it, the device does what client/sync/doc-registry.ts and
   * edit-time-log.ts do: sends this clock on every connect (PROTO-9) and when each of its changes
   * was typed (PROTO-13). Without it, it is the stock client, which says nothing of its clock.
   */
  clock?: () => number;
}

/**
 * One user's device in Node: a document and the stock y-websocket provider with the extension
 * messages (acks, rejects), which goes offline and online on demand and follows the server to
 * its new address after a restart, keeping its document as the app keeps it in IndexedDB.
 */
export class SyncDevice {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** State vectors of every ack, in order (PROTO-3). */
  readonly acks: Map<number, number>[] = [];
  readonly rejects: ReceivedReject[] = [];
  /** Close codes the server sent that the stock client does not come back from (44xx). */
  readonly terminalCloses: string[] = [];
  offlinePeriods = 0;
  private serverLife = 0;
  private readonly headers: { cookie: string; origin: string };
  private editTimes: EditTime[] = [];
  private readonly ownUpdates = new OwnUpdates(this.doc, DEVICE_EDIT);

  constructor(readonly opts: DeviceOptions) {
    this.doc.clientID = opts.clientId;
    // Read by the socket class on every connect: a restart or a new session changes them.
    this.headers = { cookie: opts.cookie, origin: opts.origin };
    this.provider = new WebsocketProvider(syncUrl(opts.origin), opts.docName, this.doc, {
      WebSocketPolyfill: webSocketWithHeaders(this.headers) as never,
      params: { [EXTENSIONS_PARAM]: '1' },
      disableBc: true,
    });
    this.provider.messageHandlers[MessageType.ack] = (_enc, dec: decoding.Decoder) => this.onAck(Y.decodeStateVector(readAck(dec)));
    this.provider.messageHandlers[MessageType.reject] = (_enc, dec: decoding.Decoder) =>
      this.rejects.push({ ...readReject(dec), serverLife: this.serverLife });
    this.provider.on('closed', (e: { code: number; reason: string }) => this.terminalCloses.push(`${e.code} ${e.reason}`));
    // As client/sync/doc-registry.ts, on every connect: the clock and the edit times (with a clock), then
    // the unacknowledged updates as typed (SYNC-13), all before the sync step.
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      if (opts.clock) this.sendClockAndTimes();
      for (const m of this.ownUpdates.messages()) this.provider.ws?.send(m);
    });
    if (opts.clock) {
      // afterTransaction comes before the update event the provider sends from: a connected
      // server has the time before the change (edit-time-log.ts).
      this.doc.on('afterTransaction', (tr: Y.Transaction) => this.noteTyped(tr));
    }
  }

  get name(): string {
    return this.opts.name;
  }

  get userId(): string {
    return this.opts.userId;
  }

  get online(): boolean {
    return this.provider.shouldConnect;
  }

  /** Resolves once the provider has synced with the server (the app shows a page only then, or from IndexedDB). */
  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => this.provider.once('sync', (s: boolean) => s && resolve()));
  }

  /** Types something: one transaction of the device's own, as the app's accessors make. */
  write<T>(fn: () => T): T {
    return change(this.doc, DEVICE_EDIT, fn);
  }

  goOffline(): void {
    if (!this.provider.shouldConnect) return;
    this.offlinePeriods++;
    this.provider.disconnect();
  }

  goOnline(): void {
    if (!this.provider.shouldConnect) this.provider.connect();
  }

  /**
   * The server now answers at `origin` (it was restarted), with `cookie` when the user signed in
   * again; the provider reconnects there by itself, with its usual backoff.
   */
  follow(origin: string, cookie = this.headers.cookie): void {
    this.serverLife++;
    this.headers.origin = origin;
    this.headers.cookie = cookie;
    this.provider.serverUrl = syncUrl(origin);
  }

  /** Which life of the server the device is talking to: 0 until the first `follow`. */
  get life(): number {
    return this.serverLife;
  }

  /** The highest clock of the device's own changes. */
  ownClock(): number {
    return Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(this.doc.clientID) ?? 0;
  }

  /** True once an ack covers every change this device made (PROTO-3). */
  ownAcked(): boolean {
    return (this.acks.at(-1)?.get(this.doc.clientID) ?? 0) >= this.ownClock();
  }

  /** Edit-time ranges not yet acknowledged (PROTO-13). */
  get unackedTimes(): number {
    return this.editTimes.length;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }

  private onAck(sv: Map<number, number>): void {
    this.acks.push(sv);
    this.ownUpdates.setAcked(Y.encodeStateVector(sv));
    this.editTimes = unackedEditTimes(this.editTimes, sv);
  }

  private noteTyped(tr: Y.Transaction): void {
    if (tr.origin !== DEVICE_EDIT) return;
    const client = this.doc.clientID;
    const from = tr.beforeState.get(client) ?? 0;
    const to = tr.afterState.get(client) ?? 0;
    if (to <= from) return;
    const t = { client, from, to, at: this.opts.clock!() };
    addEditTime(this.editTimes, t);
    if (this.provider.wsconnected) this.provider.ws?.send(encodeEditTimes([t]));
  }

  /** On every connect, before the sync step 2: the clock, then every unacknowledged range. */
  private sendClockAndTimes(): void {
    const ws = this.provider.ws;
    if (!ws) return;
    ws.send(encodeClock(this.opts.clock!()));
    const open = unackedEditTimes(this.editTimes, this.acks.at(-1) ?? new Map());
    for (let i = 0; i < open.length; i += MAX_EDIT_TIMES_PER_MESSAGE)
      ws.send(encodeEditTimes(open.slice(i, i + MAX_EDIT_TIMES_PER_MESSAGE)));
  }
}

const syncUrl = (origin: string) => `${origin.replace('http', 'ws')}/sync`;
