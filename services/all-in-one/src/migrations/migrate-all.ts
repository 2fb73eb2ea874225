import { migrate } from '@ciba/service-kit';
import { SERVICE_SCHEMAS, type ServiceSchema } from './service-schemas.ts';

/** A migration that failed, with the schema it was migrating in front of the cause's message. */
export class SchemaMigrationError extends Error {
  override name = 'SchemaMigrationError';
}

/** One line of what went wrong: pg's connection errors are AggregateErrors with an empty message. */
const describe = (err: unknown): string => {
  const e = err as { message?: string; code?: string; errors?: unknown[] };
  const text = e?.message || (e?.errors?.[0] ? describe(e.errors[0]) : '') || e?.code || String(err);
  return text.replace(/\s*\n\s*/g, ' ');
};

/**
 * Applies every service's pending migrations to its own schema in `databaseUrl`, one schema after the
 * other (each under its advisory lock, so services migrating at start do not collide). Creates the
 * schemas and their tables, nothing else: not the database. Returns the migrations applied.
 */
export async function migrateAll(databaseUrl: string, log: (message: string) => void, schemas: readonly ServiceSchema[] = SERVICE_SCHEMAS): Promise<string[]> {
  const applied: string[] = [];
  for (const { schema, migrationsDir } of schemas) {
    try {
      const names = await migrate({ databaseUrl, schema, migrationsDir, log });
      applied.push(...names.map((name) => `${schema}/${name}`));
    } catch (err) {
      throw new SchemaMigrationError(`schema ${schema}: ${describe(err)}`, { cause: err });
    }
  }
  return applied;
}
