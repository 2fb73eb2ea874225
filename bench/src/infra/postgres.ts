import pg from 'pg';

export const POSTGRES_SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the bench's PostgreSQL server. */
export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a short-lived connection to `url` (the maintenance database by default). */
export async function withPg<T>(fn: (client: pg.Client) => Promise<T>, url = POSTGRES_SERVER_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops database `name` if it exists, closing its connections. */
export function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return withPg(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
}

export interface PgCounters {
  /** Transactions committed in the database. */
  commits: number;
  /** WAL flushes to disk of the whole cluster (pg_stat_wal.wal_sync). */
  walSyncs: number;
}

/** Commit and WAL-flush counters, to diff around a workload. */
export function pgCounters(database: string): Promise<PgCounters> {
  return withPg(async (c) => {
    // pg_stat counters are cached per transaction; make sure we read fresh ones.
    await c.query('SELECT pg_stat_clear_snapshot()');
    const commits = await c.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1', [database]);
    const wal = await c.query<{ n: string }>('SELECT wal_sync::text AS n FROM pg_stat_wal');
    return { commits: Number(commits.rows[0]?.n ?? 0), walSyncs: Number(wal.rows[0]?.n ?? 0) };
  });
}

/** Rows written (inserted + updated + deleted) so far per table of a database, keyed `rows:<schema>.<table>`. */
export function tableWrites(url: string): Promise<Record<string, number>> {
  return withPg(async (c) => {
    await c.query('SELECT pg_stat_clear_snapshot()');
    const rows = await c.query<{ name: string; n: string }>(
      "SELECT schemaname || '.' || relname AS name, (n_tup_ins + n_tup_upd + n_tup_del)::text AS n FROM pg_stat_user_tables",
    );
    return Object.fromEntries(rows.rows.map((r) => [`rows:${r.name}`, Number(r.n)]));
  }, url);
}
