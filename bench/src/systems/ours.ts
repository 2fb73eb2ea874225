import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DeliveryMode } from '../args.ts';
import type { BenchKafka } from '../infra/kafka-broker.ts';
import { databaseUrl, dropDatabase, pgCounters, tableWrites } from '../infra/postgres.ts';
import { redisCommands } from '../infra/redis-counters.ts';
import { startPrivateRedis } from '../infra/redis-server.ts';
import { PROFILER_IMPORT, serverProfiler } from '../profile/server-profiler.ts';
import { startChild } from '../process/child.ts';
import { onCleanup } from '../process/cleanup.ts';
import { freePort } from '../process/free-port.ts';
import { waitReady } from '../process/wait-ready.ts';
import { registerOurClient } from './register-our-client.ts';
import { seedOurUsers } from './seed-our-users.ts';
import type { BenchClient, SystemUnderTest } from './system-under-test.ts';

export interface OursOptions {
  users: number;
  webhookUrl: string;
  notificationUrl: string;
  modes: DeliveryMode[];
  interval: number;
  cpuProfDir?: string;
  /** Database of the run, dropped before and after. */
  database?: string;
  /** Processes of the all-in-one (CIBA_WORKERS, node:cluster); above 1 the instance is `ours-w<n>`. */
  workers?: number;
  /** The Kafka to run the event bus over (`ours-kafka`); without it, Redis Streams on the private redis-server (`ours`). */
  kafka?: BenchKafka;
}

/** `ours`, `ours-kafka`, and with more than one worker process `ours-w<n>` / `ours-kafka-w<n>`. */
export const ourName = (kafka: boolean, workers: number): `ours${string}` => `ours${kafka ? '-kafka' : ''}${workers > 1 ? `-w${workers}` : ''}`;

/**
 * Our all-in-one process as a child (`node --import tsx services/all-in-one/src/main.ts`, so its pid
 * is the server's), on a database of its own and a private redis-server for its event bus and queues
 * (no persistence, like the development Redis; its durable store is PostgreSQL). With `kafka`, its
 * events go through that Kafka instead (`ours-kafka`, database `<database>_kafka`); the redis-server
 * still holds its queues and poll cache, and the broker's CPU is charged to it. With `workers` > 1 it
 * runs that many processes (CIBA_WORKERS); the CPU of every process under its pid is charged to it.
 */
export async function startOurs(options: OursOptions): Promise<SystemUnderTest & { seedUsers(from: number, to: number): Promise<void>; refusedModes: Record<string, string> }> {
  const workers = options.workers ?? 1;
  const name = ourName(options.kafka !== undefined, workers);
  const database = `${options.database ?? process.env.BENCH_DATABASE ?? 'ciba_bench'}${options.kafka ? '_kafka' : ''}${workers > 1 ? `_w${workers}` : ''}`;
  await dropDatabase(database);
  const removeDatabase = onCleanup(`database ${database}`, () => dropDatabase(database));
  const redis = await startPrivateRedis(`${name} redis-server`, false);
  const port = await freePort();
  const adminToken = randomBytes(32).toString('base64url');
  const dbUrl = databaseUrl(database);
  const profileDir = options.cpuProfDir ? join(options.cpuProfDir, name) : undefined;
  const nodeArgs = ['--import', 'tsx', ...(profileDir ? PROFILER_IMPORT : []), 'services/all-in-one/src/main.ts'];
  // Never an ambient KAFKA_BROKERS: the bus is the one this instance is named after.
  const { KAFKA_BROKERS: _ambient, ...inherited } = process.env;
  const child = startChild(name, process.execPath, nodeArgs, {
    env: {
      ...inherited,
      ...(options.kafka ? { KAFKA_BROKERS: options.kafka.brokers.join(',') } : {}),
      ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}),
      ...(workers > 1 ? { CIBA_WORKERS: String(workers) } : {}),
      NODE_ENV: 'development',
      PORT: String(port),
      ISSUER: `http://127.0.0.1:${port}`,
      ADMIN_TOKEN: adminToken,
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      // Any free port: the systems a bench starts side by side would clash on the default 9464.
      METRICS_PORT: '0',
      CIBA_DEFAULT_INTERVAL: String(options.interval),
      // The load sends request after request for each user while earlier ones are pending, which the
      // prompt-bombing protection exists to refuse: the per-user and duplicate rules are off; the
      // per-client limit stays on, out of reach, so its Redis script is in what is measured.
      BC_USER_PROMPT_LIMIT: '0',
      BC_DUPLICATE_PROMPT_WINDOW_S: '0',
      BC_CLIENT_PROMPT_LIMIT: '1000000',
      // Likewise the load outruns the dispatcher and polls each request faster than slow_down allows,
      // on purpose: load shedding samples but never sheds (floor out of reach), the per-client poll
      // rate is counted out of reach, and no client is put on a polling penalty.
      BC_SHED_MIN_BACKLOG: '10000000',
      TOKEN_POLL_CLIENT_LIMIT: '100000000',
      TOKEN_POLL_STRIKES: '0',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/readyz`, child, 120_000);

  const clients: Partial<Record<DeliveryMode, BenchClient>> = {};
  const refusedModes: Record<string, string> = {};
  for (const mode of options.modes.includes('poll') ? options.modes : ['poll' as const, ...options.modes]) {
    const registered = await registerOurClient(url, adminToken, mode, options.notificationUrl);
    if ('refused' in registered) refusedModes[mode] = registered.refused;
    else clients[mode] = registered;
  }
  if (!clients.poll) throw new Error(`our system refused a poll client: ${refusedModes.poll}`);
  const seed = { baseUrl: url, adminToken, databaseUrl: dbUrl, webhookUrl: options.webhookUrl };
  await seedOurUsers(seed, 0, options.users);

  return {
    name,
    label: `ours (all-in-one${options.kafka ? ', Kafka bus' : ''}${workers > 1 ? `, ${workers} workers` : ''})`,
    bcAuthorizeUrl: `${url}/bc-authorize`,
    tokenUrl: `${url}/token`,
    clients,
    refusedModes,
    serverPid: child.pid,
    ...(profileDir ? { profiler: serverProfiler(() => child.pid, profileDir) } : {}),
    storePids: async () => ({ redis: redis.child.pid, ...(options.kafka?.pid ? { kafka: options.kafka.pid } : {}) }),
    storeCounters: async () => {
      const pg = await pgCounters(database);
      return { pg_commits: pg.commits, pg_wal_syncs: pg.walSyncs, redis_commands: await redisCommands(redis.url), ...(await tableWrites(dbUrl)) };
    },
    seedUsers: (from, to) => seedOurUsers(seed, from, to),
    async stop() {
      await child.stop(15_000);
      await redis.stop();
      await dropDatabase(database);
      removeDatabase();
    },
  };
}
