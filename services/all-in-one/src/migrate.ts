// Composition root of the migration command (`npm run migrate`, `node dist/migrate.mjs`, the
// Kubernetes migration Job): every service's schema migrated, then exit 0; one line and exit 1 if not.
import { createLogger, loadConfig } from '@ciba/service-kit';
import { migrateAll } from './migrations/migrate-all.ts';
import { migrateEnv } from './migrations/migrate-env.ts';
import { SERVICE_SCHEMAS } from './migrations/service-schemas.ts';

async function main(): Promise<void> {
  const env = loadConfig(migrateEnv, process.env);
  const logger = createLogger('migrate', env.LOG_LEVEL);
  const applied = await migrateAll(env.DATABASE_URL, (m) => logger.info(m));
  logger.info({ applied: applied.length, schemas: SERVICE_SCHEMAS.map((s) => s.schema) }, applied.length > 0 ? 'migrated' : 'every schema is up to date');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`migration failed: ${String((err as Error)?.message ?? err).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(1);
  },
);
