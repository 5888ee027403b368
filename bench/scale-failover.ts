import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Row } from './machine.ts';
import { connectPeer, destroyAll, sleep, whenSynced, type Peer } from './peers-clients.ts';
import { DEVICES, journalName, manyClasses, prepareManyDir, signInDevices, teacherOf } from './peers-data.ts';
import { startOurs, type PeerServer } from './peers-servers.ts';

/** How long the clients are given before the figure says «not all». */
const PATIENCE_MS = 120_000;

interface Placed {
  peer: Peer;
  server: PeerServer;
  name: string;
  cookie: string;
}

/**
 * `npm run bench -- scale`, the failover (issue 20): `journals` × 5 clients (never opened before)
 * connect to two processes on one PostgreSQL and Redis, each journal's devices dealt to both in
 * turn; then one process is killed (SIGKILL) and its clients reconnect to the other, as a load
 * balancer sends them, each with the document it holds. Times: until every client first synced,
 * and from the kill until every client of the dead process synced again.
 */
export async function failoverBench(journals: number, env: (schema: string) => Promise<NodeJS.ProcessEnv | null>): Promise<Row[]> {
  const dir = await prepareManyDir(journals);
  const placed: Placed[] = [];
  let servers: PeerServer[] = [];
  try {
    const environment = await env(dir);
    if (!environment) return [{ figure: 'failover: PostgreSQL or Redis not reachable, skipped', value: '-' }];
    servers = [await startOurs(dir, environment), await startOurs(dir, environment)];
    const cookies = await signInDevices(servers[0].origin);
    const t0 = performance.now();
    manyClasses(journals).forEach((classId, i) => {
      for (let d = 0; d < DEVICES; d++) {
        const server = servers[(i * DEVICES + d) % 2];
        const cookie = cookies[teacherOf(i) - 1][d];
        placed.push({ peer: connectPeer(server, journalName(classId), cookie), server, name: journalName(classId), cookie });
      }
    });
    const first = await allSynced(
      placed.map((p) => p.peer),
      t0,
    );
    const victims = placed.filter((p) => p.server === servers[1]);
    const killedAt = performance.now();
    await servers[1].kill!();
    for (const v of victims) {
      v.peer.destroy();
      v.peer = connectPeer(servers[0], v.name, v.cookie, { doc: v.peer.doc });
    }
    const again = await allSynced(
      victims.map((v) => v.peer),
      killedAt,
    );
    const n = placed.length.toLocaleString('en');
    return [
      { figure: `failover: ${journals} journals × 5 clients on 2 processes (PostgreSQL + Redis)`, value: '' },
      { figure: `  all ${n} clients synced (first connection, journals never opened)`, value: show(first) },
      { figure: `  one process killed: its ${victims.length} clients synced again on the other`, value: show(again) },
    ];
  } finally {
    await destroyAll(
      placed.map((p) => p.peer),
      200,
    );
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const show = (msOrNot: number) => (Number.isFinite(msOrNot) ? `${(msOrNot / 1000).toFixed(2)} s` : `not all in ${PATIENCE_MS / 1000} s`);

/** Until every peer synced, ms from `since`; Infinity when some did not within `PATIENCE_MS`. */
async function allSynced(peers: Peer[], since: number): Promise<number> {
  let done = 0;
  let last = since;
  for (const p of peers)
    void whenSynced(p).then(() => {
      done++;
      last = Math.max(last, performance.now());
    });
  while (done < peers.length && performance.now() - since < PATIENCE_MS) await sleep(20);
  return done === peers.length ? last - since : Infinity;
}
