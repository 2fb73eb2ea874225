import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MigrationChecksumError } from '@ciba/service-kit/db/migrate';
import { MigrationsPendingError } from '@ciba/service-kit/db/migrations-pending-error';
import { pendingMigrations } from '@ciba/service-kit/db/pending-migrations';
import { prepareSchema } from '@ciba/service-kit/db/prepare-schema';
import { startFailureLine } from '@ciba/service-kit/runtime/start-failure-line';

const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const FIRST = { '20260101000000_first': 'CREATE TABLE "a" ("id" INT PRIMARY KEY);' };
const BOTH = { ...FIRST, '20260102000000_second': 'ALTER TABLE "a" ADD COLUMN "b" TEXT;' };

describe('prepareSchema', () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  const schemas: string[] = [];
  const freshSchema = () => {
    const schema = `prepare_t_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    return schema;
  };
  const schemaExists = async (schema: string) => (await admin.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).rowCount === 1;
  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('production, unmigrated schema: refuses with one line naming every missing migration, and creates nothing', async () => {
    const schema = freshSchema();
    const options = { production: true, migrateOnStart: false, databaseUrl: serverUrl, schema, migrationsDir: migrationsDir(BOTH) };
    const refused = await prepareSchema(options).then(() => undefined, (err: unknown) => err);
    expect(refused).toBeInstanceOf(MigrationsPendingError);
    expect(startFailureLine(refused)).toBe(
      `schema ${schema} is not migrated: migrations 20260101000000_first, 20260102000000_second not applied; run dist/migrate.mjs (npm run migrate) first, or set MIGRATE_ON_START=true`,
    );
    expect(await schemaExists(schema)).toBe(false);
  });

  it('production: names only the migration a release added, and starts once it is applied', async () => {
    const schema = freshSchema();
    await prepareSchema({ production: false, migrateOnStart: false, databaseUrl: serverUrl, schema, migrationsDir: migrationsDir(FIRST) });
    const next = { production: true, migrateOnStart: false, databaseUrl: serverUrl, schema, migrationsDir: migrationsDir(BOTH) };
    await expect(prepareSchema(next)).rejects.toThrow(`schema ${schema} is not migrated: migration 20260102000000_second not applied; run dist/migrate.mjs`);
    await expect(pendingMigrations(next)).resolves.toEqual(['20260102000000_second']);
    await prepareSchema({ ...next, production: false });
    await expect(prepareSchema(next)).resolves.toBeUndefined();
  });

  it('production with MIGRATE_ON_START=true migrates the schema itself', async () => {
    const schema = freshSchema();
    const options = { production: true, migrateOnStart: true, databaseUrl: serverUrl, schema, migrationsDir: migrationsDir(BOTH) };
    await prepareSchema(options);
    await expect(pendingMigrations(options)).resolves.toEqual([]);
    const { rows } = await admin.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'a' ORDER BY column_name`, [schema]);
    expect(rows.map((r) => r.column_name)).toEqual(['b', 'id']);
  });

  it('production: a migration edited after it was applied is refused as migrate() refuses it', async () => {
    const schema = freshSchema();
    await prepareSchema({ production: false, migrateOnStart: false, databaseUrl: serverUrl, schema, migrationsDir: migrationsDir(FIRST) });
    const edited = migrationsDir({ '20260101000000_first': 'CREATE TABLE "a" ("id" BIGINT PRIMARY KEY);' });
    const refused = await prepareSchema({ production: true, migrateOnStart: false, databaseUrl: serverUrl, schema, migrationsDir: edited }).then(() => undefined, (err: unknown) => err);
    expect(refused).toBeInstanceOf(MigrationChecksumError);
    expect(startFailureLine(refused)).toBe(`migration ${schema}/20260101000000_first was edited after it was applied`);
  });

  it('development creates the database when it is missing, then migrates', async () => {
    const name = `prepare_db_${randomBytes(4).toString('hex')}`;
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      await prepareSchema({ production: false, migrateOnStart: false, databaseUrl: url.toString(), schema: 'svc', migrationsDir: migrationsDir(FIRST) });
      await expect(pendingMigrations({ databaseUrl: url.toString(), schema: 'svc', migrationsDir: migrationsDir(FIRST) })).resolves.toEqual([]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
