import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export { Prisma } from './generated/client.ts';

/** The token service's database client, bound to its own PostgreSQL schema. */
export type TokenDb = PrismaClient;

/** Creates the Prisma client over `pg` for `schema` (the service's schema, or a test's). */
export function createTokenDb(databaseUrl: string, schema: string): TokenDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema }) });
}
