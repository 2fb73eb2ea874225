import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One `<timestamp>_<name>/migration.sql` of a Prisma Migrate folder. */
export interface MigrationFile {
  name: string;
  sql: Buffer;
  /** SHA-256 hex of `migration.sql`, as `prisma migrate deploy` records it in `_prisma_migrations.checksum`. */
  checksum: string;
}

/** A Prisma Migrate folder's migrations in the order they apply (by name, which starts with a timestamp). */
export async function readMigrationFolder(migrationsDir: string): Promise<MigrationFile[]> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(migrationsDir, name, 'migration.sql'));
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}
