import pg from 'pg';
import { MigrationChecksumError, type MigrateOptions } from './migrate.ts';
import { readMigrationFolder } from './read-migration-folder.ts';

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * The migrations of `migrationsDir` that `<schema>._prisma_migrations` does not record as applied
 * (finished, not rolled back), in order; all of them when the schema or the table does not exist.
 * Reads only: creates nothing, takes no lock. A recorded migration whose file changed since throws
 * `MigrationChecksumError`, as `migrate()` would. Migrations recorded but absent from the folder (a
 * newer release migrated first) are not an error: releases add columns before they use them.
 */
export async function pendingMigrations(options: Omit<MigrateOptions, 'log'>): Promise<string[]> {
  const entries = await readMigrationFolder(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const table = `${quote(options.schema)}."_prisma_migrations"`;
    const { rows: found } = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
    const { rows } = found[0]?.present
      ? await client.query<{ migration_name: string; checksum: string }>(
          `SELECT migration_name, checksum FROM ${table} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      : { rows: [] };
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const pending: string[] = [];
    for (const { name, checksum } of entries) {
      const recorded = done.get(name);
      if (recorded === undefined) pending.push(name);
      else if (recorded !== checksum) throw new MigrationChecksumError(`migration ${options.schema}/${name} was edited after it was applied`);
    }
    return pending;
  } finally {
    await client.end();
  }
}
