import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pg from 'pg';
import pino from 'pino';
import { createApp, finishApp } from '@ciba/service-kit';
import { createAuthEndpointService, type AuthEndpointService } from '../../src/service.ts';
import { recordingBus, type RecordingBus } from './recording-bus.ts';
import { testConfig } from './test-config.ts';
import { createTestDirectory, type TestDirectory } from './test-directory.ts';

export interface TestService {
  service: AuthEndpointService;
  directory: TestDirectory;
  bus: RecordingBus;
  /** A connection to the test's database, for assertions on the service's tables. */
  db: pg.Client;
  schema: string;
  /** Prefix of the service's Redis keys (the prompt limits'). */
  namespace: string;
  redis: Redis;
  url: string;
  /** Everything the service logged, one JSON line each. */
  logs: string[];
  dispose(): Promise<void>;
}

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Prompt limits of the tests that are not about them: counted in Redis, never reached, and no
 * duplicate rule (they send request after request for one user). No load shedding either: no
 * dispatcher consumes the in-test bus, so its lag only grows.
 */
const ROOMY_LIMITS = { BC_USER_PROMPT_LIMIT: '1000', BC_CLIENT_PROMPT_LIMIT: '1000000', BC_DUPLICATE_PROMPT_WINDOW_S: '0', BC_SHED_MAX_WAIT_S: '0' };

export interface TestServiceOptions {
  /** Redis key prefix; two services given the same one share their prompt limits. Default: a fresh one. */
  namespace?: string;
  /** Default: `REDIS_URL` or the local Redis. */
  redisUrl?: string;
}

/**
 * The service on 127.0.0.1:<random port> in a PostgreSQL schema and a Redis namespace of its own
 * (dropped by `dispose`), with the in-test directory and bus, logging at trace level into `logs`.
 */
export async function startTestService(env: Record<string, string> = {}, options: TestServiceOptions = {}): Promise<TestService> {
  const schema = `auth_endpoint_t_${randomBytes(4).toString('hex')}`;
  const namespace = options.namespace ?? `t-${randomBytes(6).toString('hex')}`;
  const redis = new Redis(options.redisUrl ?? redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined); // a test's Redis may be down on purpose; the service sees its status
  const directory = await createTestDirectory();
  const bus = recordingBus();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'trace' }, sink);
  const service = await createAuthEndpointService({ config: testConfig({ DATABASE_URL: databaseUrl, ...ROOMY_LIMITS, ...env }), logger, bus, directory, redis, namespace, schema });
  await service.start();
  const app = createApp();
  app.use(service.router);
  finishApp(app, logger);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    service,
    directory,
    bus,
    db,
    schema,
    namespace,
    redis,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    async dispose() {
      await new Promise((resolve) => server.close(resolve));
      await service.stop();
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.end();
      if (redis.status === 'ready') {
        const keys = await redis.keys(`${namespace}:*`);
        if (keys.length > 0) await redis.del(...keys);
      }
      redis.disconnect();
    },
  };
}
