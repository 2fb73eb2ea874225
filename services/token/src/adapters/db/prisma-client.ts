import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export { Prisma } from './generated/client.ts';

/** The token service's database client, bound to its own PostgreSQL schema. */
export type TokenDb = PrismaClient;

/**
 * Creates the Prisma client over `pg` for `schema` (the service's schema, or a test's). Model queries
 * are qualified with the schema by Prisma; the connections' `search_path` is set to it as well, so raw
 * SQL (`$queryRaw`) with unqualified table names reaches the same tables.
 */
export function createTokenDb(databaseUrl: string, schema: string): TokenDb {
  const searchPath = `"${schema.replace(/"/g, '""')}"`;
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, options: `-c search_path=${searchPath}` }, { schema }),
  });
}
