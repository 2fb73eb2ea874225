import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropKafkaPrefix } from './drop-kafka-prefix.ts';
import { startSystem, type RunningSystem } from '../../src/system.ts';

export interface TestSystem extends RunningSystem {
  databaseUrl: string;
  /** Stops the system and drops its database (and its Kafka topics and groups). */
  dispose(): Promise<void>;
}

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The whole system on 127.0.0.1:<random port>, in a database and bus namespace of its own. The bus
 * is Redis Streams unless `env` carries KAFKA_BROKERS (see `buses()`); on Kafka its topics and
 * consumer groups get a prefix of their own (`e2e-<id>.`), so systems sharing a broker stay apart.
 */
export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  const id = randomBytes(4).toString('hex');
  const url = new URL(serverUrl);
  url.pathname = `/ciba_e2e_${id}`;
  const databaseUrl = url.toString();
  const kafka = env.KAFKA_BROKERS ? { brokers: env.KAFKA_BROKERS.split(','), prefix: env.KAFKA_TOPIC_PREFIX ?? `e2e-${id}.` } : undefined;
  const system = await startSystem(
    {
      PORT: '0',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      ADMIN_TOKEN: `admin-${randomBytes(16).toString('hex')}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
      // Any free port (`metricsUrl` tells which): systems started side by side never clash on 9464.
      METRICS_PORT: '0',
      CIBA_DEFAULT_INTERVAL: '1',
      // The flows prompt one user again and again, the next request as soon as the last is decided
      // (before the auth-endpoint may have seen the decision): the per-user limit is out of reach and
      // the duplicate rule off. test/features/prompt-limits runs them at their defaults.
      BC_USER_PROMPT_LIMIT: '100',
      BC_DUPLICATE_PROMPT_WINDOW_S: '0',
      ...env,
      ...(kafka ? { KAFKA_TOPIC_PREFIX: kafka.prefix } : {}),
    },
    { host: '127.0.0.1', namespace: `e2e-${id}` },
  );
  return {
    ...system,
    databaseUrl,
    async dispose() {
      await system.stop();
      if (kafka) await dropKafkaPrefix(kafka.brokers, kafka.prefix);
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "ciba_e2e_${id}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
