import { performance } from 'node:perf_hooks';
import { median, type Row } from './machine.ts';
import { connectPeer, destroyAll, nextSync, sleep, whenSynced, within, type Peer } from './peers-clients.ts';
import { alternate, compareRow, measured, ms, perSide, type Compared } from './peers-compare.ts';
import { DEVICES, freshClasses, journalName } from './peers-data.ts';
import type { Fleet } from './peers-fleet.ts';
import type { PeerServer, Side } from './peers-servers.ts';

interface Burst {
  ms: number;
  cpuMs: number;
}

/**
 * Shape 3: every client of the fleet (all connected and synced) disconnects, and in the same
 * tick all connect again; until every one is synced again. The server's CPU time counts from
 * before the disconnections to after the last sync. Ours keeps the rooms loaded meanwhile (they
 * unload 2 s after the last client leaves), the reference keeps every document in memory.
 */
async function reconnectStorm(fleet: Fleet): Promise<Burst> {
  const u0 = await fleet.server.usage();
  const synced = fleet.peers.map(nextSync);
  const t0 = performance.now();
  for (const p of fleet.peers) p.provider.disconnect();
  for (const p of fleet.peers) p.provider.connect();
  await within(Promise.all(synced), 'the reconnect storm', 60_000);
  const elapsed = performance.now() - t0;
  const u1 = await fleet.server.usage();
  return { ms: elapsed, cpuMs: (u1.cpuMicros - u0.cpuMicros) / 1000 };
}

/**
 * Shape 4: 100 clients (20 never-opened journals × 5 devices of their teacher) connect at once;
 * until all are synced. Ours creates each journal (its meta from the school year) on first open;
 * the reference creates an empty room.
 */
async function firstConnection(server: PeerServer, round: number, cookies: string[][]): Promise<Burst> {
  const peers: Peer[] = [];
  const u0 = await server.usage();
  const t0 = performance.now();
  freshClasses(round + 1).forEach((classId, k) => {
    for (let d = 0; d < DEVICES; d++) peers.push(connectPeer(server, journalName(classId), cookies[k]?.[d] ?? ''));
  });
  await within(Promise.all(peers.map(whenSynced)), 'the first connection', 60_000);
  const elapsed = performance.now() - t0;
  const u1 = await server.usage();
  await destroyAll(peers);
  return { ms: elapsed, cpuMs: (u1.cpuMicros - u0.cpuMicros) / 1000 };
}

function burstRows(label: string, bursts: Record<Side, Burst[]>): Row[] {
  const both = (pick: (b: Burst) => number): Compared => ({
    ours: measured(bursts.ours, pick, (bs) => median(bs.map(pick))),
    reference: measured(bursts.reference, pick, (bs) => median(bs.map(pick))),
  });
  return [
    compareRow(
      `${label}: until all synced (median)`,
      both((b) => b.ms),
      ms,
    ),
    compareRow(
      '  server CPU spent (median)',
      both((b) => b.cpuMs),
      ms,
    ),
  ];
}

export async function stormRows(fleets: Record<Side, Fleet>, rounds: number): Promise<Row[]> {
  const bursts = perSide<Burst>();
  const servers = { ours: fleets.ours.server, reference: fleets.reference.server };
  await alternate(servers, rounds, async (s) => {
    bursts[s.side].push(await reconnectStorm(fleets[s.side]));
    await sleep(500);
  });
  return burstRows(`reconnect storm: 100 clients of 20 journals drop and reconnect at once (${rounds} per server)`, bursts);
}

export async function firstConnectionRows(servers: Record<Side, PeerServer>, cookies: string[][], rounds: number): Promise<Row[]> {
  const bursts = perSide<Burst>();
  await alternate(servers, rounds, async (s, r) => {
    bursts[s.side].push(await firstConnection(s, r, s.side === 'ours' ? cookies : []));
  });
  return burstRows(`first connection: 100 clients to 20 never-opened journals at once (${rounds} per server)`, bursts);
}
