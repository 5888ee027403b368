import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { hashPassword } from '../sync-server/auth/passwords.ts';
import { seedDemoSchool } from '../sync-server/seed-demo.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import type { Role } from '../model/index.ts';
import type { Storage } from '../sync-server/storage/port.ts';

/** A fresh data directory with the demo school, then whatever `extra` adds. */
export async function prepareDataDir(extra: (storage: Storage) => Promise<void> = async () => {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'journal-bench-'));
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  await seedDemoSchool(storage);
  await extra(storage);
  await storage.close();
  return dir;
}

/** Applies `edit` to a stored document and appends the resulting update to its log. */
export async function editStoredDoc(storage: Storage, name: string, edit: (doc: Y.Doc) => void): Promise<void> {
  const { snapshot, updates } = await storage.loadDocument(name);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  doc.transact(() => edit(doc), 'bench');
  await storage.appendUpdates(
    name,
    out.map((update) => ({ update, userId: 'system', sessionId: 'bench', clientTime: null, serverTime: Date.now() })),
  );
}

export async function addUser(storage: Storage, id: string, login: string, roles: Role[]): Promise<void> {
  await storage.createUser({ id, login, name: `Бенчмарк ${login}`, roles, passwordHash: await hashPassword('demo'), disabled: false });
}

export interface ServerProcess {
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs the real server (sync-server/main.ts) in its own process, as in production. */
export async function spawnServer(
  dataDir: string,
  port: number,
  /** `env`: more of the environment (a cluster's DATABASE_URL and REDIS_URL). */
  opts: { withoutPathRules?: boolean; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const args = ['--import', 'tsx', 'bench/bench-server.ts', ...(opts.withoutPathRules ? ['--without-path-rules'] : [])];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...opts.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('http://')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function login(origin: string, name: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ login: name, password: 'demo' }),
  });
  if (!res.ok) throw new Error(`login ${name}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}
