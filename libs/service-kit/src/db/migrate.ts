import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { readMigrationFolder } from './read-migration-folder.ts';

export interface MigrateOptions {
  databaseUrl: string;
  /** The PostgreSQL schema the service owns; Prisma's `?schema=` / adapter `schema`. */
  schema: string;
  /** A Prisma Migrate folder: `<timestamp>_<name>/migration.sql` entries. */
  migrationsDir: string;
  log?: (message: string) => void;
}

export class MigrationChecksumError extends Error {
  override name = 'MigrationChecksumError';
}

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Applies pending SQL migrations and records them in `<schema>._prisma_migrations` exactly as
 * `prisma migrate deploy` does (same table, same SHA-256 hex checksum of `migration.sql`), so either
 * tool can take over from the other. Each migration runs in its own transaction; concurrent starters
 * serialise on an advisory lock. Returns the names applied.
 */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  const entries = await readMigrationFolder(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`ciba-migrate:${options.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(options.schema)}`);
    await client.query(`SET search_path TO ${quote(options.schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    for (const { name, sql, checksum } of entries) {
      const recorded = done.get(name);
      if (recorded !== undefined) {
        if (recorded !== checksum) throw new MigrationChecksumError(`migration ${name} was edited after it was applied`);
        continue;
      }
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, checksum, name],
        );
        await client.query(sql.toString('utf8'));
        await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      applied.push(name);
      options.log?.(`applied migration ${options.schema}/${name}`);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await client.end();
  }
}
