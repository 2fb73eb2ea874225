import { randomBytes } from 'node:crypto';
import { createPgPool, ensureDatabase, migrate, type PgPool } from '@ciba/service-kit';
import { AUTH_ENDPOINT_MIGRATIONS_DIR } from '../../src/service.ts';

export interface TestSchema {
  schema: string;
  /** A pool whose connections' search_path is the schema, like the service's. */
  pool: PgPool;
  /** Ends the pool and drops the schema. */
  drop(): Promise<void>;
}

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';

/** A unique `auth_endpoint_t_<hex>` schema with the service's migrations applied. */
export async function createTestSchema(): Promise<TestSchema> {
  const schema = `auth_endpoint_t_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(databaseUrl);
  await migrate({ databaseUrl, schema, migrationsDir: AUTH_ENDPOINT_MIGRATIONS_DIR });
  const pool = createPgPool(databaseUrl, { schema });
  return {
    schema,
    pool,
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
}
