import { Hono } from 'hono';
import { Readable } from 'node:stream';
import { HTTPException } from 'hono/http-exception';
import { parseDocName } from '../../model/index.ts';
import type { Backups } from '../archive/backup.ts';
import type { SigningKey } from '../archive/keys.ts';
import { hex } from '../archive/replay.ts';
import type { Snapshotter } from '../archive/snapshotter.ts';
import type { Storage } from '../storage/port.ts';
import { exportRoutes } from './export-routes.ts';
import { requireAdmin, readBody } from './identity-deps.ts';
import type { AppEnv } from './session-middleware.ts';

export interface ArchiveDeps {
  storage: Storage;
  key: SigningKey;
  snapshotter: Snapshotter;
  backups: Backups;
  /** The data directory: exports read its store read-only (`GET /api/admin/export`). */
  dataDir: string;
}

/**
 * The archive over HTTP: the public keys at a well-known address (ARC-5, anyone may fetch them
 * to verify an export), the administrator's snapshots and backups on demand (ARC-8, ARC-10),
 * a backup downloaded as one file (ARC-21) and exports downloaded as a zip (ARC-18,
 * `export-routes.ts`).
 */
export function archiveRoutes(deps: ArchiveDeps) {
  const app = new Hono<AppEnv>();

  app.get('/.well-known/journal-keys.json', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json({ ...deps.key.history(), current: deps.key.keyId });
  });

  // Body `{docName}` for one document, or nothing for every stored document.
  app.post('/api/admin/snapshots', async (c) => {
    requireAdmin(c.get('auth'));
    const body = c.req.header('content-type')?.includes('json') ? await readBody(c) : {};
    let names: string[];
    if (body.docName === undefined) names = await deps.storage.listDocuments();
    else if (typeof body.docName === 'string' && parseDocName(body.docName)) names = [body.docName];
    else throw new HTTPException(400, { message: 'Неизвестный документ' });
    const snapshots = [];
    for (const name of names) {
      const s = await deps.snapshotter.snapshotDocument(name);
      if (s) snapshots.push({ docName: name, upToSeq: s.upToSeq, sha256: hex(s.sha256), keyId: s.keyId, createdAt: s.createdAt });
    }
    return c.json({ snapshots });
  });

  // `copy`: how the last copy to BACKUP_DIR went (ARC-23), null without one.
  app.get('/api/admin/backups', (c) => {
    requireAdmin(c.get('auth'));
    return c.json({ backups: deps.backups.list(), copy: deps.backups.copyStatus() });
  });

  app.post('/api/admin/backups', async (c) => {
    requireAdmin(c.get('auth'));
    return c.json({ backup: await deps.backups.backupNow(), copy: deps.backups.copyStatus() });
  });

  // ARC-21: one backup as one file; `pack` knows only the listed names.
  app.get('/api/admin/backups/:name', async (c) => {
    requireAdmin(c.get('auth'));
    const name = c.req.param('name');
    const tar = await deps.backups.pack(name);
    if (!tar) throw new HTTPException(404, { message: 'Такой резервной копии нет' });
    return new Response(Readable.toWeb(tar.stream) as ReadableStream, {
      headers: {
        'Content-Type': 'application/x-tar',
        'Content-Length': String(tar.bytes),
        'Content-Disposition': `attachment; filename="${name}.tar"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  app.route('/', exportRoutes(deps));

  return app;
}
