import pg from 'pg';

export interface PgPoolOptions {
  /** The service's PostgreSQL schema: every connection's `search_path`, so raw SQL names tables unqualified. */
  schema: string;
  /** Connections at most (pg's default: 10). */
  max?: number;
  /** Called with errors of idle connections (a restarted server); the pool replaces them. */
  onIdleError?: (err: Error) => void;
}

/**
 * A service's one `pg` pool. Prisma's adapter runs over it and the hot paths send their SQL through
 * it directly (one round trip per statement, none of Prisma's per-query work), so both share the same
 * connections and the service holds `max` of them, not twice that.
 */
export function createPgPool(databaseUrl: string, options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    options: `-c search_path=${pg.escapeIdentifier(options.schema)}`,
  });
  pool.on('error', (err) => options.onIdleError?.(err));
  schemas.set(pool, options.schema);
  return pool;
}

const schemas = new WeakMap<pg.Pool, string>();

/**
 * The schema a pool of `createPgPool` works in (undefined for any other pool): what a writer of an
 * outbox row over that pool names when it wakes the schema's relay (`outboxWritten`).
 */
export function schemaOfPool(pool: pg.Pool): string | undefined {
  return schemas.get(pool);
}

export type PgPool = pg.Pool;
