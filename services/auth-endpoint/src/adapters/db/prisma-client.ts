import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

/** The auth-endpoint service's database client, bound to its own PostgreSQL schema. */
export type AuthEndpointDb = PrismaClient;

/** Creates the Prisma client over `pg` for `schema` (the service's schema, or a test's). */
export function createAuthEndpointDb(databaseUrl: string, schema: string): AuthEndpointDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema }) });
}
