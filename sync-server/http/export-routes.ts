import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidId, parseDocName } from '../../model/index.ts';
import { zipDirectory } from '../archive/archive-zip.ts';
import { exportArchive, type ExportScope } from '../archive/export.ts';
import type { Storage } from '../storage/port.ts';
import { requireAdmin } from './identity-deps.ts';
import type { AppEnv } from './session-middleware.ts';

export interface ExportDeps {
  storage: Storage;
  /** The data directory whose store the export reads read-only, as `npm run export` does. */
  dataDir: string;
}

/** Prefix of the temporary folders an export is written to before it is zipped. */
export const DOWNLOAD_TEMP_PREFIX = 'journal-download-';

/**
 * The scope asked for, checked against the stored documents before anything is written: an
 * unknown year or class is a 400 in Russian, never an empty archive.
 */
function checkScope(names: readonly string[], classId: string | undefined, yearId: string | undefined): ExportScope {
  const docs = names.map(parseDocName).filter((d) => d !== null);
  if (yearId !== undefined && (!isValidId(yearId) || !docs.some((d) => d.yearId === yearId))) {
    throw new HTTPException(400, { message: `Неизвестный учебный год «${yearId}»` });
  }
  if (classId !== undefined) {
    const journals = docs.filter((d) => d.kind === 'journal' && d.classId === classId);
    if (!isValidId(classId) || journals.length === 0) throw new HTTPException(400, { message: `Неизвестный класс «${classId}»` });
    if (yearId !== undefined && !journals.some((d) => d.yearId === yearId)) {
      throw new HTTPException(400, { message: `У класса «${classId}» нет журнала за ${yearId} учебный год` });
    }
  }
  return { ...(classId !== undefined ? { classId } : {}), ...(yearId !== undefined ? { yearId } : {}) };
}

/** `archive-5b-2026-2026-09-14T10-05-00Z.zip`: what, which year, when (UTC, no colons for Windows). */
export function exportFileName(scope: ExportScope, at: Date): string {
  const time = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `archive-${scope.classId ?? 'school'}-${scope.yearId ?? 'all-years'}-${time}.zip`;
}

/**
 * ARC-18: the administrator downloads an export from the browser — exactly what
 * `npm run export` writes (ARC-12), zipped. It is written to a temporary folder, zipped in
 * memory (a class-year is a few MB) and the folder removed whatever happens.
 */
export function exportRoutes(deps: ExportDeps) {
  const app = new Hono<AppEnv>();

  app.get('/api/admin/export', async (c) => {
    const auth = requireAdmin(c.get('auth'));
    const param = (name: string) => {
      const v = c.req.query(name)?.trim();
      return v ? v : undefined;
    };
    const scope = checkScope(await deps.storage.listDocuments(), param('class'), param('year'));
    const temp = await mkdtemp(join(tmpdir(), DOWNLOAD_TEMP_PREFIX));
    try {
      const out = join(temp, 'export');
      // The PDFs in the export say who printed them: the administrator who asked.
      // The server's own store: on PostgreSQL there is no journal.sqlite in the data directory (STORE-PG-1).
      await exportArchive(deps.dataDir, out, scope, { printedBy: auth.user.name, storage: deps.storage });
      const zip = zipDirectory(out);
      return c.body(zip, 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${exportFileName(scope, new Date())}"`,
        'Cache-Control': 'no-store',
      });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  return app;
}
