import { PrismaPg } from '@prisma/adapter-pg';
import type { PgPool } from '@ciba/service-kit';
import { PrismaClient } from './generated/client.ts';

export { Prisma } from './generated/client.ts';

/** The notifier's database client, bound to its own PostgreSQL schema. */
export type NotifierDb = PrismaClient;

/**
 * Creates the Prisma client for `schema` (the service's schema, or a test's) over the service's pool
 * (`createPgPool`), whose connections' `search_path` is that schema too. The pool is the caller's:
 * `$disconnect()` leaves it open, the caller ends it.
 */
export function createNotifierDb(pool: PgPool, schema: string): NotifierDb {
  return new PrismaClient({ adapter: new PrismaPg(pool, { schema }) });
}
