import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { storageContract } from './storage-contract.ts';

let dir = '';
storageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);
