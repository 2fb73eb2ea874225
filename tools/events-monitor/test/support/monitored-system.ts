import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startSystem, type RunningSystem } from '../../../../services/all-in-one/src/system.ts';
import { dropKafkaPrefix } from '../../../../services/all-in-one/test/support/drop-kafka-prefix.ts';
import { NOTIFY_TEST_ENV } from '../../../../services/all-in-one/test/support/notify-test-env.ts';

export interface MonitoredSystem extends RunningSystem {
  /** The variables that point the monitor at this system's bus (as an operator would set them). */
  monitorEnv: Record<string, string>;
  dispose(): Promise<void>;
}

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The all-in-one system on 127.0.0.1 in a database, Redis namespace and Kafka prefix of its own (as
 * services/all-in-one/test/support/start-test-system.ts), and the bus variables for the monitor.
 */
export async function startMonitoredSystem(busEnv: Record<string, string>, extra: Record<string, string> = {}): Promise<MonitoredSystem> {
  const id = randomBytes(4).toString('hex');
  const db = new URL(serverUrl);
  db.pathname = `/ciba_events_${id}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const namespace = `events-${id}`;
  const kafka = busEnv.KAFKA_BROKERS ? { KAFKA_BROKERS: busEnv.KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: `events-${id}.` } : undefined;
  const system = await startSystem(
    {
      PORT: '0',
      DATABASE_URL: db.toString(),
      REDIS_URL: redisUrl,
      ADMIN_TOKEN: `admin-${randomBytes(16).toString('hex')}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
      CIBA_DEFAULT_INTERVAL: '1',
      BC_USER_PROMPT_LIMIT: '100',
      BC_DUPLICATE_PROMPT_WINDOW_S: '0',
      ...NOTIFY_TEST_ENV,
      ...extra,
      ...(kafka ?? {}),
    },
    { host: '127.0.0.1', namespace },
  );
  return {
    ...system,
    monitorEnv: kafka ?? { REDIS_URL: redisUrl, REDIS_NAMESPACE: namespace },
    async dispose() {
      await system.stop();
      if (kafka) await dropKafkaPrefix(kafka.KAFKA_BROKERS.split(','), kafka.KAFKA_TOPIC_PREFIX);
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "ciba_events_${id}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
