import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { batchedLookup } from '@ciba/service-kit/db/batched-lookup';
import { createPgPool } from '@ciba/service-kit/db/pg-pool';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

describe('batchedLookup', () => {
  const schema = `lookup_t_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  let pool: pg.Pool;
  const statements: string[] = [];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}"."things" ("key" TEXT PRIMARY KEY, "n" INT NOT NULL)`);
    await admin.query(`INSERT INTO "${schema}"."things" VALUES ('a', 1), ('b', 2), ('c', 3)`);
    pool = createPgPool(databaseUrl, { schema });
    const query = pool.query.bind(pool) as (config: { name: string }) => Promise<unknown>;
    (pool as unknown as { query: typeof query }).query = (config) => {
      statements.push(config.name);
      return query(config);
    };
  });
  afterAll(async () => {
    await pool.end();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  });

  const lookup = () =>
    batchedLookup<{ key: string; n: number }>(pool, { name: 'things-by-key', text: 'SELECT "key", "n" FROM "things" WHERE "key" = ANY($1::text[])', keyOf: (row) => row.key });

  it('answers look-ups made together with one statement, each caller its own row or null', async () => {
    const find = lookup();
    statements.length = 0;
    const found = await Promise.all(['b', 'a', 'zz', 'b'].map((key) => find(key)));
    expect(found).toEqual([{ key: 'b', n: 2 }, { key: 'a', n: 1 }, null, { key: 'b', n: 2 }]);
    expect(statements).toEqual(['things-by-key']);
  });

  it('reads the database on every call (no cache)', async () => {
    const find = lookup();
    expect(await find('c')).toEqual({ key: 'c', n: 3 });
    await admin.query(`UPDATE "${schema}"."things" SET "n" = 30 WHERE "key" = 'c'`);
    expect(await find('c')).toEqual({ key: 'c', n: 30 });
  });

  it('answers a key with NUL (which PostgreSQL text cannot hold, so no row has it) null without asking; the others share a statement', async () => {
    const find = lookup();
    statements.length = 0;
    const results = await Promise.allSettled(['a', 'b\u0000', 'c', '\u0000'].map((key) => find(key)));
    expect(results[0]).toEqual({ status: 'fulfilled', value: { key: 'a', n: 1 } });
    expect(results[1]).toEqual({ status: 'fulfilled', value: null });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { key: 'c' } });
    expect(results[3]).toEqual({ status: 'fulfilled', value: null });
    expect(statements).toEqual(['things-by-key']);
  });
});
