import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { accessLogStorageContract } from './access-log-storage-contract.ts';
import { archiveStorageContract } from './archive-storage-contract.ts';
import { contactsStorageContract } from './contacts-storage-contract.ts';
import { diaryAcksStorageContract } from './diary-acks-storage-contract.ts';
import { oidcStorageContract } from './oidc-storage-contract.ts';
import { refusedStorageContract } from './refused-storage-contract.ts';
import { signInStorageContract } from './sign-in-storage-contract.ts';
import { storageContract } from './storage-contract.ts';
import { studentLinksStorageContract } from './student-links-storage-contract.ts';

let dir = '';
storageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

archiveStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async (file) => openSqliteStorage(file),
  async () => rmSync(dir, { recursive: true, force: true }),
);

contactsStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async (file) => openSqliteStorage(file),
  async () => rmSync(dir, { recursive: true, force: true }),
);

refusedStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

signInStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async (storage) => {
    await storage.close();
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

accessLogStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async (storage) => {
    await storage.close();
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

diaryAcksStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async (storage) => {
    await storage.close();
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

studentLinksStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

oidcStorageContract(
  'SQLite',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async (storage) => {
    await storage.close();
    return openSqliteStorage(join(dir, 'journal.sqlite'));
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);
