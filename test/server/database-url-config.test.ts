import { describe, expect, it } from 'vitest';
import { readConfig } from '../../sync-server/config.ts';

describe('DATABASE_URL', () => {
  it('STORE-PG-1: DATABASE_URL chooses PostgreSQL; unset or blank keeps SQLite in DATA_DIR', () => {
    expect(readConfig({}).databaseUrl).toBeNull();
    expect(readConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeNull();
    expect(readConfig({ DATABASE_URL: ' postgres://journal@db:5432/journal ' }).databaseUrl).toBe('postgres://journal@db:5432/journal');
  });
});
