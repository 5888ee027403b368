import { sql as documents } from './001-documents.ts';
import { sql as identity } from './002-identity.ts';
import { sql as families } from './003-families.ts';
import { sql as familyNotices } from './004-family-notices.ts';
import { sql as messages } from './005-messages.ts';

/** One schema change, applied once, in version order (migrate.ts). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every migration, oldest first. Never edit one that has shipped: a store that applied it will
 * not apply it again. A change is a new file with the next version, added here.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'documents', sql: documents },
  { version: 2, name: 'identity', sql: identity },
  { version: 3, name: 'families', sql: families },
  { version: 4, name: 'family-notices', sql: familyNotices },
  { version: 5, name: 'messages', sql: messages },
];
