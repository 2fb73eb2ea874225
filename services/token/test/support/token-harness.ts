import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import { createApp, createLogger, createPgPool, ensureDatabase, finishApp, migrate } from '@ciba/service-kit';
import type { AuthRequestsPort } from '@ciba/contracts';
import { TOKEN_MIGRATIONS_DIR } from '../../src/adapters/db/migrations-dir.ts';
import { createTokenDb, type TokenDb } from '../../src/adapters/db/prisma-client.ts';
import { signingKeyRepository } from '../../src/adapters/db/signing-key-repository.ts';
import type { TokenConfig } from '../../src/config.ts';
import type { TokenContext } from '../../src/context.ts';
import { createTokenDirectory } from '../../src/directory/create-token-directory.ts';
import type { TokenDirectory } from '../../src/directory/token-directory.ts';
import { createSigningKeys, type LoadableSigningKeys } from '../../src/domain/keys/create-signing-keys.ts';
import { adminUserRoutes } from '../../src/routes/admin-users/index.ts';
import { discoveryRoutes } from '../../src/routes/discovery/index.ts';
import { jwksRoutes } from '../../src/routes/jwks/index.ts';
import { registrationRoutes } from '../../src/routes/registration/index.ts';
import { testConfig } from './test-config.ts';
import { testEventBus } from './test-event-bus.ts';
import { testRedis } from './test-redis.ts';
import { redisPollCache } from '../../src/adapters/redis/redis-poll-cache.ts';
import { redisPollFront } from '../../src/adapters/redis/redis-poll-front.ts';
import { redisDpopReplayCache } from '../../src/adapters/redis/redis-dpop-replay-cache.ts';
import { createDpopVerifier } from '../../src/dpop/dpop-verifier.ts';
import { noPollBounds } from '../../src/domain/grants/poll-bounds.ts';

export interface TokenHarness {
  /** Base URL of the HTTP server (127.0.0.1, random port). */
  url: string;
  config: TokenConfig;
  schema: string;
  db: TokenDb;
  keys: LoadableSigningKeys;
  directory: TokenDirectory;
  ctx: TokenContext;
  /** `fetch` relative to `url`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

const noAuthRequests: AuthRequestsPort = {
  findByAuthReqIdHash: async () => null,
  findByRequestId: async () => null,
  getNotificationTarget: async () => null,
};

/** A unique `token_t_<hex>` schema, migrated. */
export async function createTestSchema(config: TokenConfig): Promise<string> {
  const schema = `token_t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(config.databaseUrl);
  await migrate({ databaseUrl: config.databaseUrl, schema, migrationsDir: TOKEN_MIGRATIONS_DIR });
  return schema;
}

export async function dropTestSchema(config: TokenConfig, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

/**
 * The directory half of the token service on a unique schema: its routes (discovery, JWKS,
 * registration, operator users) on a real HTTP server, and the directory object.
 */
export async function startTokenHarness(env: Record<string, string> = {}): Promise<TokenHarness> {
  const base = testConfig(env);
  const schema = await createTestSchema(base);
  const config: TokenConfig = { ...base, schema };
  const logger = createLogger('token-test', 'silent');
  const pool = createPgPool(config.databaseUrl, { schema });
  const db = createTokenDb(pool, schema);
  const keys = createSigningKeys(signingKeyRepository(db, schema));
  await keys.load();
  const directory = createTokenDirectory({ config, db, pool, keys, logger });
  const cacheRedis = testRedis();
  await cacheRedis.redis.ping();
  const ctx: TokenContext = { config, logger, db, pool, bus: testEventBus(), pollCache: redisPollCache(cacheRedis.redis, cacheRedis.namespace), pollBounds: noPollBounds, pollFront: redisPollFront(cacheRedis.redis, { namespace: cacheRedis.namespace, secret: config.adminToken, bounds: { ...config.pollBounds, clientLimit: 0, strikes: 0 } }), keys, directory, authRequests: noAuthRequests, dpop: createDpopVerifier(config.dpop, redisDpopReplayCache(cacheRedis.redis, cacheRedis.namespace)) };

  const app = createApp();
  app.use(discoveryRoutes(ctx), jwksRoutes(ctx), registrationRoutes(ctx), adminUserRoutes(ctx));
  finishApp(app, logger);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    config,
    schema,
    db,
    keys,
    directory,
    ctx,
    fetch: (path, init) => fetch(`${url}${path}`, init),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await pool.end();
      await cacheRedis.close();
      await dropTestSchema(config, schema);
    },
  };
}
