import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export { Prisma } from './generated/client.ts';

/** The notifier's database client, bound to its own PostgreSQL schema. */
export type NotifierDb = PrismaClient;

/** Creates the Prisma client over `pg` for `schema` (the service's schema, or a test's). */
export function createNotifierDb(databaseUrl: string, schema: string): NotifierDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema }) });
}
