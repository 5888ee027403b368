import type { IncomingMessage } from 'node:http';
import { lingerOnClose } from './lingering-close.ts';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import {
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  IMPORT_TITLES,
  importTemplate,
  isImportKind,
  type ImportKind,
  type ImportOutcome,
} from '../../model/index.ts';
import type { ValidSession } from '../auth/sessions.ts';
import { ImportFileError } from '../import/decode-text.ts';
import { exportTable } from '../import/export-kind.ts';
import type { ImportDeps } from '../import/import-deps.ts';
import { MAX_IMPORT_BYTES, readImportFile, tooLarge, XLSX_TYPE } from '../import/read-import-file.ts';
import { ImportLine } from '../import/import-line.ts';
import { applyImport, planImport } from '../import/run-import.ts';
import { tableCsv, tableXlsx } from '../import/write-table.ts';
import { XlsxTooLargeError } from '../import/xlsx-unpack.ts';
import { IMPORT_BUSY_TEXT, IMPORTS_IN_LINE_MAX } from '../limits.ts';
import type { AppEnv } from './session-middleware.ts';

/** IMP-15: imports and exports are the administrator's and the deputy's. */
function requireImporter(auth: ValidSession | null): ValidSession {
  if (!auth) throw new HTTPException(401, { message: 'Требуется вход в систему' });
  if (!auth.user.roles.some((r) => r === 'admin' || r === 'deputy')) {
    throw new HTTPException(403, { message: 'Импорт и выгрузка данных доступны администратору и заместителю директора' });
  }
  return auth;
}

function kindOf(c: Context): ImportKind {
  const kind = c.req.param('kind');
  if (!isImportKind(kind)) throw new HTTPException(404, { message: `Нет такого вида данных: ${IMPORT_KINDS.join(', ')}` });
  return kind;
}

function formatOf(c: Context): 'csv' | 'xlsx' {
  const format = c.req.query('format') ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw new HTTPException(400, { message: 'Формат: csv или xlsx' });
  return format;
}

async function fileResponse(c: Context, name: string, format: 'csv' | 'xlsx', sheet: string, rows: string[][]) {
  const headers = { 'Content-Disposition': `attachment; filename="${name}.${format}"`, 'Cache-Control': 'no-store' };
  if (format === 'csv') return c.body(tableCsv(rows), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
  return c.body(new Uint8Array(await tableXlsx(sheet, rows)), 200, { ...headers, 'Content-Type': XLSX_TYPE });
}

const report = (
  kind: ImportKind,
  o: Omit<ImportOutcome<unknown>, 'plan'>,
  extra: { applied: boolean; dryRun: boolean; fileName: string },
) => {
  const count = (s: string) => o.preview.filter((p) => p.status === s).length;
  return {
    ok: o.errors.length === 0,
    ...extra,
    kind,
    rows: o.rows,
    errors: o.errors,
    warnings: o.warnings,
    preview: o.preview,
    columns: IMPORT_COLUMNS[kind].map((col) => ({ key: col.key, title: col.title })),
    summary: { new: count('new'), changed: count('changed'), same: count('same'), error: count('error') },
    ...(o.errors.length > 0 ? { error: o.errors[0].message } : {}),
  };
};

const failed = (message: string) => ({ rows: 0, errors: [{ row: 0, message }], warnings: [], preview: [] });

/**
 * The school's data in and out (IMP-*): `POST /api/import/{kind}[?dryRun=1]` with the file
 * (multipart field `file`, or the raw body; `?name=` names a raw body) answers the row report
 * and applies it all or not at all; `GET /api/import/{kind}/template?format=csv|xlsx` is the
 * empty table with one example row; `GET /api/export/{kind}?format=csv|xlsx` the current data in
 * the same columns. Imports run one at a time, from before the file is unpacked (IMP-17).
 */
export function importRoutes(deps: ImportDeps) {
  const app = new Hono<AppEnv>();
  const line = new ImportLine(IMPORTS_IN_LINE_MAX);

  app.get('/import/kinds', (c) => {
    requireImporter(c.get('auth'));
    return c.json({
      kinds: IMPORT_KINDS.map((kind) => ({ kind, title: IMPORT_TITLES[kind], columns: IMPORT_COLUMNS[kind] })),
      maxBytes: MAX_IMPORT_BYTES,
    });
  });

  app.get('/import/:kind/template', async (c) => {
    requireImporter(c.get('auth'));
    const kind = kindOf(c);
    return fileResponse(c, `template-${kind}`, formatOf(c), IMPORT_TITLES[kind], importTemplate(kind));
  });

  app.get('/export/:kind', async (c) => {
    requireImporter(c.get('auth'));
    const kind = kindOf(c);
    const format = formatOf(c);
    return fileResponse(c, `export-${kind}`, format, IMPORT_TITLES[kind], await exportTable(deps, kind));
  });

  app.post(
    '/import/:kind',
    createMiddleware<AppEnv>(async (c, next) => {
      requireImporter(c.get('auth'));
      const kind = kindOf(c);
      // IMP-17: a place in line before a byte of the file is read; with none left, none is read (429).
      if (!line.tryHold()) return c.json(report(kind, failed(IMPORT_BUSY_TEXT), noFile), 429, { Connection: 'close', 'Retry-After': '30' });
      try {
        await next();
      } finally {
        line.release();
      }
    }),
    // IMP-2: refused before anything is parsed (a multipart body has some room for its envelope).
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES + 64 * 1024,
      // The rest of the body is never read: the connection closes after the answer (RFC 9112 §9.6).
      onError: (c) => {
        lingerOnClose((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
        return c.json(report(kindOf(c), failed(tooLarge(MAX_IMPORT_BYTES + 1)), noFile), 413, { Connection: 'close' });
      },
    }),
    async (c) => {
      const { user, session } = requireImporter(c.get('auth'));
      const kind = kindOf(c);
      const dryRun = ['1', 'true', 'yes'].includes(c.req.query('dryRun') ?? '');
      const { bytes, fileName } = await readUpload(c);
      const meta = { applied: false, dryRun, fileName };
      if (bytes.length > MAX_IMPORT_BYTES) return c.json(report(kind, failed(tooLarge(bytes.length)), meta), 413, { Connection: 'close' });
      const importer = { userId: user.id, sessionId: session.id, roles: user.roles };
      // IMP-7, IMP-17: one at a time from before the file is unpacked until it is applied.
      return await line.oneAtATime(async () => {
        let rows: string[][];
        let fileWarnings: string[];
        try {
          ({ rows, warnings: fileWarnings } = await readImportFile(bytes));
        } catch (e) {
          if (e instanceof XlsxTooLargeError) return c.json(report(kind, failed(e.message), meta), 413);
          if (e instanceof ImportFileError) return c.json(report(kind, failed(e.message), meta), 422);
          throw e;
        }
        const { plan, ...outcome } = await planImport(deps, kind, rows, importer);
        outcome.warnings = [...fileWarnings.map((message) => ({ row: 0, message })), ...outcome.warnings];
        if (!plan) return c.json(report(kind, outcome, meta), 422);
        if (!dryRun) await applyImport(deps, kind, plan, importer, fileName);
        return c.json(report(kind, outcome, { ...meta, applied: !dryRun }), 200);
      });
    },
  );

  return app;
}

const noFile = { applied: false, dryRun: false, fileName: '' };

/** The uploaded file: the multipart field `file`, or the raw body named by `?name=`. */
async function readUpload(c: Context): Promise<{ bytes: Uint8Array; fileName: string }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File)) throw new HTTPException(400, { message: 'В запросе нет файла: отправьте его в поле «file»' });
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || 'файл' };
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), fileName: c.req.query('name') || 'файл' };
}
