import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deriveChannelKey, runChannel, type ChannelDeliverer } from '@ciba/channel-kit';
import { RedisStreamsBus, type Subscription } from '@ciba/event-bus';
import { constantBrokerEpoch } from '@ciba/event-bus/outbox/constant-broker-epoch';
import { createRedis } from '@ciba/service-kit';
import { loadConsentConfig, type ConsentConfig } from '../../src/config.ts';
import { createConsentDispatcherService, type ConsentDispatcherService } from '../../src/service.ts';
import { serve } from './serve.ts';
import { silentLogger } from './silent-logger.ts';
import { TestAuthRequests } from './test-auth-requests.ts';
import { TestDirectory } from './test-directory.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const ADMIN_TOKEN = 'consent-test-admin-token-0123456789';

/**
 * The dispatcher on PostgreSQL (a schema of its own) and a Redis Streams bus (a namespace of its
 * own), with channels run by `runChannel` on that bus as their processes would: offers really go
 * through the outbox relay, the channel topics and `ciba.channel-outcomes`.
 */
export interface DispatcherHarness {
  schema: string;
  config: ConsentConfig;
  bus: RedisStreamsBus;
  directory: TestDirectory;
  authRequests: TestAuthRequests;
  service: ConsentDispatcherService;
  url: string;
  q<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** A fresh dispatcher on the same schema and bus (the previous one stopped): a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startDispatcherHarness(env: NodeJS.ProcessEnv, deliverers: readonly ChannelDeliverer[]): Promise<DispatcherHarness> {
  const suffix = randomBytes(6).toString('hex');
  const schema = `consent_t_${suffix}`;
  const namespace = `consent_t_${suffix}`;
  const redis = createRedis(redisUrl, 'consent-dispatcher-test');
  const bus = new RedisStreamsBus({ redisUrl, namespace, clientId: 'consent-test', logger: silentLogger, blockMs: 100, partitions: 2 });
  const directory = new TestDirectory();
  const authRequests = new TestAuthRequests();
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const config = loadConsentConfig({ DATABASE_URL: databaseUrl, CONSENT_PUBLIC_URL: 'http://consent.test', ADMIN_TOKEN, LOG_LEVEL: 'silent', ...env });
  const build = () =>
    createConsentDispatcherService({ config, logger: silentLogger, bus, directory: directory.port(), authRequests: authRequests.port(), redis, schema, brokerEpoch: constantBrokerEpoch() });
  let service = await build();
  await service.start();
  let app = await serve(service.router);
  const channels: Subscription[] = [];
  for (const deliverer of deliverers) {
    channels.push(await runChannel({ bus, deliverer, key: deriveChannelKey(config.channelMasterKey, deliverer.channel), logger: silentLogger }));
  }
  const harness: DispatcherHarness = {
    schema,
    config,
    bus,
    directory,
    authRequests,
    service,
    url: app.url,
    q: async (text, values = []) => (await sql.query(text.replaceAll('$schema', `"${schema}"`), values)).rows,
    async restart() {
      await service.stop();
      await app.close();
      service = await build();
      await service.start();
      app = await serve(service.router);
      harness.service = service;
      harness.url = app.url;
    },
    async close() {
      await Promise.all(channels.map((c) => c.close()));
      await service.stop();
      await app.close();
      await bus.close();
      const keys = await redis.keys(`${namespace}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await sql.end();
    },
  };
  return harness;
}
