import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { REFUSED_PREVIEW_CHARS } from '../../sync-server/limits.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The refused table as stores made before STORE-18 have it. */
const OLD_TABLE = `CREATE TABLE refused (
  id TEXT PRIMARY KEY, doc_name TEXT NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL, old_value TEXT NOT NULL,
  user_id TEXT NOT NULL, session_id TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL, client_time INTEGER,
  server_time INTEGER NOT NULL, state TEXT NOT NULL, resolved_by TEXT, resolved_at INTEGER, resolution TEXT)`;

it('STORE-19: a store from before the bounds is migrated; its huge refused value is listed as a preview and still found whole', async () => {
  dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
  const file = join(dir, 'journal.sqlite');
  const old = new Database(file);
  old.exec(OLD_TABLE);
  const huge = 'я'.repeat(300_000);
  old
    .prepare('INSERT INTO refused VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      'old1',
      'journal/5b/2026',
      'lessons/261110.2.math:topic',
      JSON.stringify({ v: huge }),
      '{"absent":true}',
      'u1',
      's1',
      'invalid-value',
      'x',
      null,
      1,
      'open',
      null,
      null,
      null,
    );
  old.close();
  const storage = openSqliteStorage(file);
  try {
    const [listed] = await storage.listRefused({});
    expect(listed.stored).toBe('truncated');
    expect(listed.value as string).toMatch(/^"яяя.*… \[не сохранено полностью: 586 КБ\]$/);
    expect((listed.value as string).length).toBeLessThan(REFUSED_PREVIEW_CHARS + 60);
    const found = await storage.findRefused('old1');
    expect(found).toMatchObject({ stored: 'full', value: huge });
  } finally {
    await storage.close();
  }
});
