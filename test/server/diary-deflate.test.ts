import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diaryDocName, MessageType, type StudentId, type YearId } from '../../model/index.ts';
import { FAMILY_DEFLATE } from '../../sync-server/limits.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

/** SyncStep1 with an empty state vector: the server answers with the whole document. */
function askWholeDocument(): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.sync);
  syncProtocol.writeSyncStep1(enc, new Y.Doc());
  return encoding.toUint8Array(enc);
}

interface FirstSync {
  extensions: string;
  /** The largest message as the reader got it, inflated. */
  largest: number;
  /** Bytes that came over the TCP connection, handshake and frames. */
  wire: number;
}

/** A raw `ws` reader without a copy: it asks for the whole document and counts what came, in messages and on the wire. */
async function firstSync(server: TestServer, doc: string, login: string, offerDeflate = true): Promise<FirstSync> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${doc}`, {
    headers: { cookie: await server.login(login), origin: server.origin },
    perMessageDeflate: offerDeflate,
  });
  let tcp: { bytesRead: number } | undefined;
  ws.on('upgrade', (res) => (tcp = res.socket));
  let largest = 0;
  ws.on('message', (data: Buffer) => (largest = Math.max(largest, data.length)));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(askWholeDocument());
  // The whole document is the one message past the compression threshold.
  await waitFor(() => expect(largest).toBeGreaterThan(FAMILY_DEFLATE.threshold));
  const result = { extensions: ws.extensions, largest, wire: tcp?.bytesRead ?? 0 };
  ws.close();
  return result;
}

/**
 * PROTO-22: a diary's socket offers permessage-deflate, so a phone without a copy gets the
 * diary's first sync compressed; a journal's socket does not (a teacher's updates never wait on
 * zlib); a client that offers no compression still syncs.
 */
describe('compressed first sync of a diary', () => {
  let server: TestServer;
  let diary: string;

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const parent = await server.storage.findUserByLogin('parent');
    diary = diaryDocName(parent!.studentLinks![0].studentId as StudentId, '2026' as YearId);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('PROTO-22: the diary comes compressed to a reader that offers it: fewer bytes on the wire than a third of the message', async () => {
    const sync = await firstSync(server, diary, 'parent');
    expect(sync.extensions).toContain('permessage-deflate');
    expect(sync.wire).toBeGreaterThan(0);
    expect(sync.wire).toBeLessThan(sync.largest / 3);
    console.log(`diary first sync: ${sync.largest} bytes, ${sync.wire} on the wire (${sync.extensions})`);
  });

  it('PROTO-22: without the offer the same diary comes whole; a journal is never compressed', async () => {
    const plain = await firstSync(server, diary, 'parent', false);
    expect(plain.extensions).toBe('');
    expect(plain.wire).toBeGreaterThan(plain.largest);
    const journal = await firstSync(server, 'journal/5b/2026', 'teacher');
    expect(journal.extensions).toBe('');
    expect(journal.wire).toBeGreaterThan(journal.largest);
  });

  it('PROTO-22: the stock client, which offers compression, syncs the diary to the same state as the store', async () => {
    const client = connectClient(server, diary, await server.login('parent'));
    await synced(client);
    const stored = new Y.Doc();
    for (const u of await server.storage.readUpdates(diary, 0)) Y.applyUpdate(stored, u.update);
    expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(stored));
    expect(client.doc.getMap('lessons').size).toBeGreaterThan(50);
    client.destroy();
  });
});
