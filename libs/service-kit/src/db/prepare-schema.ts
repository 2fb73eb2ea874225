import { ensureDatabase } from './ensure-database.ts';
import { migrate, type MigrateOptions } from './migrate.ts';
import { MigrationsPendingError } from './migrations-pending-error.ts';
import { pendingMigrations } from './pending-migrations.ts';

export interface PrepareSchemaOptions extends MigrateOptions {
  /** `NODE_ENV=production`. */
  production: boolean;
  /** `MIGRATE_ON_START`: migrate at start even in production. */
  migrateOnStart: boolean;
}

/**
 * What a service does with its schema when it starts. In development (interfaces.md §1) it creates
 * the database if missing and migrates. In production the migration step (`dist/migrate.mjs`, run
 * once per release) owns the schema: the service only checks that every migration it ships is
 * applied, and throws `MigrationsPendingError` naming those that are not, unless `MIGRATE_ON_START`
 * asks it to migrate itself.
 */
export async function prepareSchema(options: PrepareSchemaOptions): Promise<void> {
  const { production, migrateOnStart, ...migration } = options;
  if (!production) await ensureDatabase(migration.databaseUrl);
  if (!production || migrateOnStart) {
    await migrate(migration);
    return;
  }
  const pending = await pendingMigrations(migration);
  if (pending.length > 0) throw new MigrationsPendingError(migration.schema, pending);
}
