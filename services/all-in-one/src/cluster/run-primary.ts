import { clusterMetricsContentType, scrapeWorkers, startMetricsServer } from '@ciba/metrics';
import { baseEnv, createLogger, ensureDatabase, loadConfig, randomToken, settleBaseConfig } from '@ciba/service-kit';
import { migrateAll } from '../migrations/migrate-all.ts';
import { Supervisor } from './supervisor.ts';

/**
 * The primary of `--workers N`: what must happen once (settings checked, the database created and
 * migrated as a single process would in development, the admin token generated and printed), then
 * N workers forked and supervised, their metrics aggregated on `METRICS_PORT`, and SIGTERM/SIGINT
 * draining them all before it exits.
 */
export async function runPrimary(count: number): Promise<void> {
  const base = settleBaseConfig(loadConfig(baseEnv, process.env));
  const logger = createLogger('ciba-primary', base.logLevel);
  const adminToken = process.env.ADMIN_TOKEN || randomToken(32);
  if (!base.production) await ensureDatabase(base.databaseUrl);
  if (!base.production || base.migrateOnStart) await migrateAll(base.databaseUrl, (m) => logger.info(m));

  const supervisor = new Supervisor(count, { ...process.env, ADMIN_TOKEN: adminToken }, logger);
  const metrics = await startMetricsServer({
    service: 'all-in-one',
    port: base.metricsPort,
    ...(base.host ? { host: base.host } : {}),
    logger,
    source: { metrics: () => scrapeWorkers(supervisor.workers()), contentType: clusterMetricsContentType },
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= supervisor.stop().then(() => metrics.close()));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop().then(() => process.exit(0)));
  try {
    await supervisor.start();
  } catch (err) {
    await metrics.close();
    throw err;
  }
  if (!process.env.ADMIN_TOKEN) process.stdout.write(`ADMIN_TOKEN=${adminToken}\n`);
  process.stdout.write(`CIBA server listening; issuer ${supervisor.issuer}; ${count} workers\n`);
}
