import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export { Prisma } from './generated/client.ts';

/** The consent dispatcher's database client, bound to its own PostgreSQL schema. */
export type ConsentDb = PrismaClient;

/** Creates the Prisma client over `pg` for `schema` (the service's schema, or a test's). */
export function createConsentDb(databaseUrl: string, schema: string): ConsentDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema }) });
}
