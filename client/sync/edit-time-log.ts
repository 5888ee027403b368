import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addEditTime, encodeEditTimes, MAX_EDIT_TIMES_PER_MESSAGE, unackedEditTimes, type EditTime } from '../../model/index.ts';
import { loadEditTimes, saveEditTimes } from '../state/app-db.ts';
import { LOCAL_EDIT } from './origins.ts';

/**
 * Remembers when each of the user's edits of a document was typed, until the server has
 * acknowledged it (PROTO-13), and tells the server: at once when connected, and again on every
 * connect for what is still unacknowledged — so a mark typed offline on Monday and synced on
 * Wednesday is dated Monday in the history. Kept in IndexedDB beside the edits themselves, so a
 * reload or a closed laptop loses neither.
 */
export class EditTimeLog {
  private times: EditTime[] = [];
  private acked = new Map<number, number>();
  private saving: Promise<void> | null = null;
  private dirty = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly userId: string,
    private readonly docName: string,
  ) {
    // afterTransaction comes before the update event the provider sends from, so a connected
    // server has the time before it applies the change.
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Reads what earlier sessions left unacknowledged; call before connecting. */
  async load(): Promise<void> {
    const stored = await loadEditTimes(this.userId, this.docName);
    this.times = [...stored, ...this.times];
  }

  private readonly onTransaction = (tr: Y.Transaction) => {
    if (tr.origin !== LOCAL_EDIT) return;
    const client = this.doc.clientID;
    const from = tr.beforeState.get(client) ?? 0;
    const to = tr.afterState.get(client) ?? 0;
    if (to <= from) return;
    const t = { client, from, to, at: Date.now() };
    addEditTime(this.times, t);
    if (this.provider.wsconnected) this.provider.ws?.send(encodeEditTimes([t]));
    this.save();
  };

  /** Sends every unacknowledged range: on each connect, before the client's sync step 2. */
  sendAll(): void {
    const ws = this.provider.ws;
    if (!ws) return;
    const open = unackedEditTimes(this.times, this.acked);
    for (let i = 0; i < open.length; i += MAX_EDIT_TIMES_PER_MESSAGE)
      ws.send(encodeEditTimes(open.slice(i, i + MAX_EDIT_TIMES_PER_MESSAGE)));
  }

  /** The server committed up to this state vector: those ranges need no time any more. */
  setAcked(sv: Uint8Array): void {
    this.acked = Y.decodeStateVector(sv);
    const before = this.times.length;
    this.times = unackedEditTimes(this.times, this.acked);
    if (this.times.length !== before) this.save();
  }

  /** Writes the ranges, one write at a time; the last state always lands. */
  private save(): void {
    this.dirty = true;
    if (this.saving) return;
    this.saving = (async () => {
      while (this.dirty) {
        this.dirty = false;
        await saveEditTimes(this.userId, this.docName, this.times);
      }
      this.saving = null;
    })();
  }

  dispose(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }
}
