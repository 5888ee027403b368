import { execSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Y from 'yjs';
import type { Row } from './machine.ts';
import { coldStartRows } from './peers-cold.ts';
import { TEACHERS, DEVICES, prepareManyDir, prepareSteadyDir, signInDevices } from './peers-data.ts';
import { checkSameDocuments, connectFleet, destroyFleet, journalStates, type Fleet } from './peers-fleet.ts';
import { manyJournalsRows, WARM_JOURNALS } from './peers-many.ts';
import { REFERENCE_ENTRY, startOurs, startReference, type PeerServer, type Side } from './peers-servers.ts';
import { rateRows, steadyRows, warmUp } from './peers-steady.ts';
import { firstConnectionRows, stormRows } from './peers-storms.ts';

/** Rounds per server of every alternating comparison (ours, reference, ours, reference…). */
const ROUNDS = 2;
/** The storms are short: a third round each costs little. */
const STORM_ROUNDS = 3;

/**
 * `npm run bench -- peers`: our sync server beside the reference y-websocket server
 * (`@y/websocket-server`), each in its own process, driven by the same stock y-websocket clients
 * with the same document names and the same edits (ours with real sign-ins and its extensions,
 * the reference without auth). About 3 minutes on 2 cores (up to 6 when connections are slow); not
 * part of `npm run bench` without a section.
 */
export async function peersBench(doc: { journal: Y.Doc; school: Y.Doc; classId: string }): Promise<Row[]> {
  const t0 = performance.now();
  const rows: Row[] = [...describe()];
  rows.push(...(await sharedServerShapes()));
  const many = await prepareManyDir(200 + WARM_JOURNALS);
  try {
    rows.push(...(await manyJournalsRows(many, 200, ROUNDS)));
  } finally {
    rmSync(many, { recursive: true, force: true });
  }
  rows.push(...(await coldStartRows(doc, 5)));
  rows.push({ figure: 'peers section: wall time', value: `${((performance.now() - t0) / 60_000).toFixed(1)} min` });
  return rows;
}

/** Shapes 1–4 on one process of each kind, the 100 clients of each kept connected throughout. */
async function sharedServerShapes(): Promise<Row[]> {
  const dir = await prepareSteadyDir(STORM_ROUNDS);
  const servers = {} as Record<Side, PeerServer>;
  const fleets = {} as Record<Side, Fleet>;
  try {
    servers.ours = await startOurs(dir);
    servers.reference = await startReference();
    const cookies = await signInDevices(servers.ours.origin);
    fleets.ours = await connectFleet(servers.ours, cookies);
    // The reference's rooms get the documents the clients of ours received (roster, meta).
    fleets.reference = await connectFleet(servers.reference, null, journalStates(fleets.ours));
    for (const f of Object.values(fleets)) checkSameDocuments(f, TEACHERS * DEVICES);
    await warmUp(fleets, 2, 5);
    const rows = [
      ...(await steadyRows(fleets, 8, ROUNDS)),
      ...(await rateRows(fleets, 1000, 6, ROUNDS)),
      ...(await rateRows(fleets, 2000, 6, ROUNDS)),
      ...(await stormRows(fleets, STORM_ROUNDS)),
    ];
    const refused = fleets.ours.peers.reduce((n, p) => n + p.rejects.length, 0);
    if (refused > 0)
      rows.push({ figure: 'ours: edits REFUSED by the rules (the workload must be allowed: figures invalid)', value: String(refused) });
    for (const side of ['ours', 'reference'] as const) {
      destroyFleet(fleets[side]);
      delete fleets[side];
    }
    rows.push(...(await firstConnectionRows(servers, cookies, STORM_ROUNDS)));
    return rows;
  } finally {
    for (const f of Object.values(fleets)) destroyFleet(f);
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What is compared: the reference's version and mode, and the state of our server's code. */
function describe(): Row[] {
  const ref = JSON.parse(readFileSync(join(REFERENCE_ENTRY, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const git = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '?';
    }
  };
  const status = git('git status --porcelain -- sync-server model');
  const dirty = status === '?' ? 0 : status.split('\n').filter(Boolean).length;
  return [
    {
      figure: 'reference server',
      value: `@y/websocket-server ${ref.version} (y-websocket's server, its ws 6), documents in memory (YPERSISTENCE unset, its default); LevelDB only for the cold start`,
    },
    {
      figure: 'ours',
      value: `sync-server at ${git('git log --oneline -1').slice(0, 60)}…${dirty ? ` + ${dirty} uncommitted files under sync-server/ and model/` : ''}; run ${new Date().toISOString().slice(0, 16)}Z`,
    },
    {
      figure: 'clients',
      value: `stock y-websocket WebsocketProvider in the benchmark's process; ours with ${TEACHERS} teachers × ${DEVICES} sign-ins`,
    },
  ];
}
