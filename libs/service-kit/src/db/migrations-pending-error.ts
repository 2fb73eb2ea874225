/**
 * A production service found its schema behind the migrations it ships with: the message is the one
 * line the process prints before it exits, naming the schema and what is missing.
 */
export class MigrationsPendingError extends Error {
  override name = 'MigrationsPendingError';

  constructor(
    readonly schema: string,
    readonly pending: string[],
  ) {
    super(
      `schema ${schema} is not migrated: ${pending.length === 1 ? 'migration' : 'migrations'} ${pending.join(', ')} not applied; ` +
        'run dist/migrate.mjs (npm run migrate) first, or set MIGRATE_ON_START=true',
    );
  }
}
