import pg from 'pg';

/**
 * The connection pool of the PostgreSQL adapter. BIGINT columns (seqs, ms timestamps) are read
 * as numbers: every value the port carries is far below 2^53, and the port's types are numbers.
 */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PgOptions {
  /**
   * The schema the adapter's tables live in (created when missing); the connection's default
   * search path when omitted. Tests give each store a schema of its own.
   */
  schema?: string;
  /** Connections in the pool (default 10): the group commit holds one, reads and sessions the rest. */
  max?: number;
}

export function createPool(url: string, opts: PgOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // A database that does not answer fails the query (a commit is retried by its room) instead of hanging it.
    connectionTimeoutMillis: 10_000,
    // Named in pg_stat_activity, so an operator sees whose connections these are.
    application_name: 'class-journal',
    types,
    // Every connection resolves the adapter's unqualified table names in its own schema.
    ...(opts.schema ? { options: `-c search_path=${quoteIdent(opts.schema)}` } : {}),
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/**
 * PostgreSQL text holds no NUL character, and a client's map key (a change's path) or a refused
 * change's detail may: kept as U+FFFD, so that a hostile key can never make a commit fail (a room
 * retries a failed commit forever and never drops it). JSON values need none: JSON escapes NUL.
 */
export const pgText = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);

/** A SQL identifier, quoted: a schema name never reaches SQL as written. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when
 * it throws (and the error passed on).
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection that could not even roll back is dropped from the pool, not handed out again.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw e;
    }
  } finally {
    client.release(broken);
  }
}

/** PostgreSQL's unique_violation: a key some other row (or another process, at the same time) holds. */
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';

/** Anything a query may run on: the pool, or one connection inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;
