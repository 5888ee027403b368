import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentHashes } from '../../sync-server/archive/replay.ts';
import { restoreBackup } from '../../sync-server/archive/restore.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { createLogger } from '../../sync-server/log.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** A tar of the given entries, as any tar tool writes it (for entries this server never packs). */
function tarOf(entries: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(entries)) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 100);
    h.write('0000600', 100);
    h.write(Buffer.byteLength(text).toString(8).padStart(11, '0'), 124);
    h.write('00000000000', 136);
    h.fill(0x20, 148, 156);
    h.write('0', 156);
    h.write('ustar\0' + '00', 257);
    const sum = h.reduce((a, b) => a + b, 0);
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    const body = Buffer.alloc(Math.ceil(Buffer.byteLength(text) / 512) * 512);
    body.write(text);
    blocks.push(h, body);
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

describe('backups the director can hold', () => {
  let server: TestServer | null = null;
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'journal-backup-dl-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    await server?.dispose();
    server = null;
    delete process.env.BACKUP_DIR;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const post = (s: TestServer, path: string, cookie: string, body?: unknown) =>
    fetch(`${s.origin}${path}`, {
      method: 'POST',
      headers: { cookie, origin: s.origin, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('ARC-21, ARC-22: a backup downloaded over HTTP as one file restores into an empty directory with identical document hashes', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const s = server;
    const admin = await s.login('admin');
    const made = (await (await post(s, '/api/admin/backups', admin)).json()) as { backup: { name: string } };
    const name = made.backup.name;

    const res = await fetch(`${s.origin}/api/admin/backups/${name}`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}.tar"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(Number(res.headers.get('content-length')));
    const file = join(tmp(), `${name}.tar`);
    writeFileSync(file, bytes);
    // The file is a plain tar any machine opens: the store and the signing keys, in the backup's folder.
    const listed = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toContain(`${name}/journal.sqlite`);
    expect(listed).toContain(`${name}/keys/server-key.pem`);
    expect(listed).toContain(`${name}/keys/keys.json`);

    const target = join(tmp(), 'data-restored');
    const restored = await restoreBackup(file, target);
    expect(restored.size).toBeGreaterThan(1);
    expect(restored).toEqual(await documentHashes(s.storage));
    for (const f of ['server-key.pem', 'keys.json']) {
      expect(readFileSync(join(target, 'keys', f))).toEqual(readFileSync(join(s.dataDir, 'keys', f)));
    }
    // Nothing of the unpacking is left beside the restored directory.
    expect(readdirSync(join(target, '..')).filter((f) => f.startsWith('.restore-'))).toEqual([]);
  });

  it('ARC-21: only the administrator downloads, and only a listed backup', async () => {
    server = await startTestServer();
    const s = server;
    const { name } = await s.backups.backupNow();
    const get = (path: string, cookie?: string) =>
      fetch(`${s.origin}${path}`, { headers: cookie ? { cookie } : {} }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    expect(await get(`/api/admin/backups/${name}`)).toBe(401);
    expect(await get(`/api/admin/backups/${name}`, await s.login('deputy'))).toBe(403);
    const admin = await s.login('admin');
    expect(await get('/api/admin/backups/backup-1999-01-01T00-00-00-000Z', admin)).toBe(404);
    expect(await get(`/api/admin/backups/..%2F..%2Fjournal.sqlite`, admin)).toBe(404);
    expect(await get(`/api/admin/backups/${encodeURIComponent(`${name}/../../journal.sqlite`)}`, admin)).toBe(404);
    expect(await get(`/api/admin/backups/%2E%2E`, admin)).toBe(404);
  });

  it('ARC-22: a tar whose entries would land outside the folder, or that is no backup, is refused and writes nothing', async () => {
    const root = tmp();
    for (const [i, entry] of ['../evil.txt', '/tmp/evil.txt', 'backup-x/../../evil.txt', 'backup-x/notes.txt'].entries()) {
      const file = join(root, `bad-${i}.tar`);
      writeFileSync(file, tarOf({ [entry]: 'x' }));
      const target = join(root, `data-${i}`);
      await expect(restoreBackup(file, target)).rejects.toThrow(/not a backup/);
      expect(existsSync(join(target, 'journal.sqlite'))).toBe(false);
    }
    expect(existsSync(join(root, '..', 'evil.txt'))).toBe(false);
    expect(readdirSync(root).filter((f) => !f.endsWith('.tar') && !f.startsWith('data-'))).toEqual([]);
  });

  it('ARC-23: every backup is copied to BACKUP_DIR as one file; a missing BACKUP_DIR fails the copy, not the backup, and the page says so', async () => {
    const second = join(tmp(), 'second-disk');
    process.env.BACKUP_DIR = second;
    // OPS-3: the failed copy is a warning in the server's log, seen even at LOG_LEVEL=warn.
    const warnings: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void warnings.push(line) } });
    server = await startTestServer({ logger });
    const s = server;
    const admin = await s.login('admin');
    const first = await (await post(s, '/api/admin/backups', admin)).json();
    expect(warnings.map((l) => JSON.parse(l) as { level: string; msg: string })).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/the copy to BACKUP_DIR .* FAILED/) }),
    );
    expect(first.backup.name).toMatch(/^backup-/);
    expect(existsSync(join(s.dataDir, 'backups', first.backup.name, 'journal.sqlite'))).toBe(true);
    expect(first.copy).toMatchObject({ dir: second, lastCopied: null });
    expect(first.copy.error).toMatch(/^Копия backup-.* не записана в BACKUP_DIR: папки .* нет/);
    const listed = await fetch(`${s.origin}/api/admin/backups`, { headers: { cookie: admin } }).then((r) => r.json());
    expect(listed.copy.error).toBe(first.copy.error);

    mkdirSync(second);
    const next = await (await post(s, '/api/admin/backups', admin)).json();
    expect(next.copy).toMatchObject({ error: null, lastCopied: join(second, `${next.backup.name}.tar`) });
    expect(readdirSync(second)).toEqual([`${next.backup.name}.tar`]);
    const restored = await restoreBackup(join(second, `${next.backup.name}.tar`), join(tmp(), 'data'));
    expect(restored).toEqual(await documentHashes(s.storage));
  });

  it('ARC-24: closing a period makes a backup after its signed snapshots', async () => {
    server = await startTestServer();
    const s = server;
    expect(s.backups.list()).toEqual([]);
    const deputy = await s.login('deputy');
    expect((await post(s, '/api/periods/close', deputy, { classId: 'all', periodId: 'q1' })).status).toBe(200);
    const [backup] = await waitFor(() => {
      const list = s.backups.list();
      expect(list).toHaveLength(1);
      return list;
    });
    // The backup holds the snapshots the close signed: restored, the journal's chain is there.
    const target = join(tmp(), 'data');
    await restoreBackup(join(s.dataDir, 'backups', backup.name), target);
    const copy = openSqliteStorage(join(target, 'journal.sqlite'), { readonly: true });
    try {
      expect(await copy.latestSignedSnapshot('journal/5b/2026')).not.toBeNull();
    } finally {
      await copy.close();
    }
  });
});
