import { describe } from 'vitest';
import { openPgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import type { Storage } from '../../sync-server/storage/port.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';
import { accessLogStorageContract } from './access-log-storage-contract.ts';
import { archiveStorageContract } from './archive-storage-contract.ts';
import { contactsStorageContract } from './contacts-storage-contract.ts';
import { diaryAcksStorageContract } from './diary-acks-storage-contract.ts';
import { oidcStorageContract } from './oidc-storage-contract.ts';
import { refusedStorageContract } from './refused-storage-contract.ts';
import { signInStorageContract } from './sign-in-storage-contract.ts';
import { storageContract } from './storage-contract.ts';
import { studentLinksStorageContract } from './student-links-storage-contract.ts';

/**
 * Every contract suite the SQLite adapter passes (sqlite-storage.test.ts), against PostgreSQL
 * (STORE-PG-1). Each store is a fresh schema, dropped after its test.
 */
const space = new PgTestSpace();
const reachable = await requirePostgres(space.url);

let schema = '';
const open = async () => openPgStorage(space.url, { schema: (schema = space.schema()), max: 4 });
const reopen = async (storage: Storage) => {
  await storage.close();
  return openPgStorage(space.url, { schema, max: 4 });
};
// A backup is a pg_dump file: restored into a database of its own, opened on the same schema.
const openBackup = async (file: string) => openPgStorage(await space.restore(file), { schema, max: 4 });
const cleanup = () => space.dropAll();

describe.skipIf(!reachable)('PostgreSQL adapter', () => {
  storageContract('PostgreSQL', open, cleanup);
  archiveStorageContract('PostgreSQL', open, openBackup, cleanup);
  contactsStorageContract('PostgreSQL', open, openBackup, cleanup);
  refusedStorageContract('PostgreSQL', open, cleanup);
  signInStorageContract('PostgreSQL', open, reopen, cleanup);
  accessLogStorageContract('PostgreSQL', open, reopen, cleanup);
  diaryAcksStorageContract('PostgreSQL', open, reopen, cleanup);
  studentLinksStorageContract('PostgreSQL', open, cleanup);
  oidcStorageContract('PostgreSQL', open, reopen, cleanup);
});
