import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '@ciba/service-kit/db/migrate';
import { schemaDrift } from '@ciba/service-kit/db/schema-drift';

const root = join(__dirname, '..', '..', '..', '..', '..');
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const services = readdirSync(join(root, 'services')).filter((s) => existsSync(join(root, 'services', s, 'prisma', 'schema.prisma')));

describe('every service: prisma/schema.prisma agrees with prisma/migrations', () => {
  const admin = new pg.Client({ connectionString: databaseUrl });
  const schemas: string[] = [];
  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  });

  it('finds the services that own data', () => {
    expect(services).toEqual(expect.arrayContaining(['token']));
  });

  it.each(services)('%s: migrations build exactly the tables the schema describes', async (service) => {
    const schema = `drift_${service.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    await migrate({ databaseUrl, schema, migrationsDir: join(root, 'services', service, 'prisma', 'migrations') });
    const drift = await schemaDrift(join(root, 'services', service, 'prisma', 'schema.prisma'), databaseUrl, schema);
    expect(drift).toEqual([]);
  });

  it('reports drift when a migration and the schema disagree', async () => {
    const schema = `drift_probe_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    await migrate({ databaseUrl, schema, migrationsDir: join(root, 'services', 'token', 'prisma', 'migrations') });
    await admin.query(`ALTER TABLE "${schema}"."clients" ALTER COLUMN "client_name" SET NOT NULL, ADD COLUMN "stray" TEXT`);
    const drift = await schemaDrift(join(root, 'services', 'token', 'prisma', 'schema.prisma'), databaseUrl, schema);
    expect(drift).toEqual(['column clients.client_name nullability differs', 'column clients.stray is not in the schema']);
  });
});
