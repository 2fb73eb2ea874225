import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, MigrationChecksumError } from '@ciba/service-kit/db/migrate';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migrate', () => {
  const admin = new pg.Client({ connectionString: databaseUrl });
  const schema = `migrate_t_${randomBytes(4).toString('hex')}`;
  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('applies pending migrations in order and records them the way prisma migrate deploy does', async () => {
    const first = 'CREATE TABLE "a" ("id" INT PRIMARY KEY);';
    const dir = migrationsDir({ '20260101000000_first': first, '20260102000000_second': 'ALTER TABLE "a" ADD COLUMN "b" TEXT;' });
    await expect(migrate({ databaseUrl, schema, migrationsDir: dir })).resolves.toEqual(['20260101000000_first', '20260102000000_second']);
    const { rows } = await admin.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "${schema}"."_prisma_migrations" ORDER BY migration_name`);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ migration_name: '20260101000000_first', checksum: createHash('sha256').update(first).digest('hex'), applied_steps_count: 1 });
    expect(rows[0].finished_at).toBeInstanceOf(Date);
    await expect(migrate({ databaseUrl, schema, migrationsDir: dir })).resolves.toEqual([]);
  });

  it('refuses a migration edited after it was applied', async () => {
    const dir = migrationsDir({ '20260101000000_first': 'CREATE TABLE "a" ("id" BIGINT PRIMARY KEY);' });
    await expect(migrate({ databaseUrl, schema, migrationsDir: dir })).rejects.toBeInstanceOf(MigrationChecksumError);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const dir = migrationsDir({ '20260101000000_first': 'CREATE TABLE "a" ("id" INT PRIMARY KEY);', '20260102000000_second': 'ALTER TABLE "a" ADD COLUMN "b" TEXT;', '20260103000000_broken': 'CREATE TABLE "c" ("id" INT); SELECT no_such_function();' });
    await expect(migrate({ databaseUrl, schema, migrationsDir: dir })).rejects.toThrow(/no_such_function/);
    const tables = await admin.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'c'`, [schema]);
    expect(tables.rowCount).toBe(0);
    const recorded = await admin.query(`SELECT 1 FROM "${schema}"."_prisma_migrations" WHERE migration_name = '20260103000000_broken'`);
    expect(recorded.rowCount).toBe(0);
  });
});
