import { PrismaPg } from '@prisma/adapter-pg';
import type { PgPool } from '@ciba/service-kit';
import { PrismaClient } from './generated/client.ts';

export { Prisma } from './generated/client.ts';

/** The token service's database client, bound to its own PostgreSQL schema. */
export type TokenDb = PrismaClient;

/**
 * Creates the Prisma client for `schema` (the service's schema, or a test's) over the service's pool
 * (`createPgPool`), whose connections' `search_path` is that schema too. The pool is the caller's:
 * `$disconnect()` leaves it open, the caller ends it.
 */
export function createTokenDb(pool: PgPool, schema: string): TokenDb {
  return new PrismaClient({ adapter: new PrismaPg(pool, { schema }) });
}
