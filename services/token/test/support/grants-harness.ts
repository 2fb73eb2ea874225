import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { CONSENT_DENIED_V1, CONSENT_GRANTED_V1, TOPICS, type AuthRequestView } from '@ciba/contracts';
import { newEvent, type EventBus, type SubscribeOptions } from '@ciba/event-bus';
import { createApp, createLogger, createPgPool, ensureDatabase, finishApp, migrate, randomToken, sha256 } from '@ciba/service-kit';
import { cibaGrantRepository } from '../../src/adapters/db/ciba-grant-repository.ts';
import { createTokenDb, type TokenDb } from '../../src/adapters/db/prisma-client.ts';
import { signingKeyRepository } from '../../src/adapters/db/signing-key-repository.ts';
import { loadTokenConfig, type TokenConfig } from '../../src/config.ts';
import type { TokenContext } from '../../src/context.ts';
import { createSigningKeys } from '../../src/domain/keys/create-signing-keys.ts';
import { handleCibaGrantEvent } from '../../src/handlers/ciba-grant-events.ts';
import { grantRoutes } from '../../src/routes/grant-routes.ts';
import { redisPollCache } from '../../src/adapters/redis/redis-poll-cache.ts';
import { redisPollFront } from '../../src/adapters/redis/redis-poll-front.ts';
import { redisDpopReplayCache } from '../../src/adapters/redis/redis-dpop-replay-cache.ts';
import { createDpopVerifier } from '../../src/dpop/dpop-verifier.ts';
import { redisPollBounds } from '../../src/adapters/redis/redis-poll-bounds.ts';
import { testRedis } from './test-redis.ts';
import { grantsAuthRequests, type GrantsAuthRequests } from './grants-auth-requests.ts';
import { basicAuth, grantsDirectory, type GrantsDirectory } from './grants-directory.ts';

export const GRANTS_ISSUER = 'https://op.example.test';
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'prisma', 'migrations');

export interface GrantsHarness {
  url: string;
  ctx: TokenContext;
  db: TokenDb;
  schema: string;
  /** Prefix of its Redis keys (poll cache, poll bounds). */
  namespace: string;
  directory: GrantsDirectory;
  authRequests: GrantsAuthRequests;
  /** The subscriptions `startConsumers` asked the bus for. */
  subscriptions: SubscribeOptions<any>[];
  /** An auth request as auth-endpoint would have accepted it; `authReqId` is the clear id. */
  newRequest(overrides?: Partial<AuthRequestView>): { authReqId: string; request: AuthRequestView };
  /** Projects the request as a grant in the given state. */
  seedGrant(request: AuthRequestView, state?: { status?: 'pending' | 'approved' | 'denied' | 'expired' | 'redeemed'; decidedAt?: Date }): Promise<void>;
  /** Applies a consent decision the way the `ciba.consent.granted/denied.v1` consumer does. */
  decide(request: AuthRequestView, decision: 'approved' | 'denied'): Promise<void>;
  /** Empties the poll cache (a Redis that restarted empty). */
  forgetPollCache(): Promise<void>;
  /** POSTs a form to `path`, authenticated as `clientId` unless `auth` is null. */
  post(path: string, form: Record<string, string>, clientId?: string | null, headers?: Record<string, string>): Promise<Response>;
  /** Seeds an approved grant for the client and redeems it at /token. */
  tokensFor(clientId: string, overrides?: Partial<AuthRequestView>): Promise<Record<string, any>>;
  close(): Promise<void>;
}

export interface GrantsHarnessOptions {
  /** Environment on top of the harness's; by default no poll penalties (`TOKEN_POLL_STRIKES=0`): tests poll one client fast on purpose. */
  env?: Record<string, string>;
  /** Another harness whose schema and Redis namespace this one shares: a second replica (it drops neither). */
  replicaOf?: GrantsHarness;
}

/** The grant half of the token service on a unique schema, with real Prisma and keys and in-test ports. */
export async function startGrantsHarness(options: GrantsHarnessOptions = {}): Promise<GrantsHarness> {
  const base = loadTokenConfig({
    NODE_ENV: 'test',
    ISSUER: GRANTS_ISSUER,
    ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba_test',
    TOKEN_POLL_STRIKES: '0',
    ...options.env,
  });
  const owner = !options.replicaOf;
  const schema = options.replicaOf?.schema ?? `token_t_${randomBytes(6).toString('hex')}`;
  const config: TokenConfig = { ...base, schema };
  if (owner) {
    await ensureDatabase(config.databaseUrl);
    await migrate({ databaseUrl: config.databaseUrl, schema, migrationsDir: MIGRATIONS_DIR });
  }
  const pool = createPgPool(config.databaseUrl, { schema });
  const db = createTokenDb(pool, schema);
  const keys = createSigningKeys(signingKeyRepository(db, schema));
  await keys.load();
  const directory = grantsDirectory();
  const authRequests = grantsAuthRequests();
  const subscriptions: SubscribeOptions<any>[] = [];
  const bus: EventBus = {
    async publish() {
      throw new Error('the token service publishes through its outbox only');
    },
    async subscribe(options) {
      subscriptions.push(options);
      return { close: async () => undefined };
    },
    async ping() {},
    lag: async (group, topics) => topics.map((topic) => ({ topic, group, lag: 0 })),
    async close() {},
  };
  const logger = createLogger('token-grants-test', 'silent');
  const cacheRedis = testRedis(options.replicaOf?.namespace);
  await cacheRedis.redis.ping();
  const pollBounds = redisPollBounds(cacheRedis.redis, { namespace: cacheRedis.namespace, secret: config.adminToken, bounds: config.pollBounds });
  const ctx: TokenContext = { config, logger, db, pool, bus, pollCache: redisPollCache(cacheRedis.redis, cacheRedis.namespace), pollBounds, pollFront: redisPollFront(cacheRedis.redis, { namespace: cacheRedis.namespace, secret: config.adminToken, bounds: config.pollBounds }), keys, directory, authRequests, dpop: createDpopVerifier(config.dpop, redisDpopReplayCache(cacheRedis.redis, cacheRedis.namespace)) };

  const app = createApp();
  app.use(grantRoutes(ctx));
  finishApp(app, logger);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const grants = cibaGrantRepository(db, schema);

  const harness: GrantsHarness = {
    url,
    ctx,
    db,
    schema,
    namespace: cacheRedis.namespace,
    directory,
    authRequests,
    subscriptions,
    newRequest(overrides = {}) {
      const authReqId = randomToken(32);
      const now = Date.now();
      const request: AuthRequestView = {
        request_id: randomUUID(),
        auth_req_id_hash: sha256(authReqId),
        client_id: 'rp-1',
        sub: 'alice',
        scope: 'openid profile email',
        delivery_mode: 'poll',
        interval: 5,
        expires_at: new Date(now + 120_000).toISOString(),
        requested_at: new Date(now).toISOString(),
        ...overrides,
      };
      return { authReqId, request };
    },
    async seedGrant(request, state = {}) {
      await grants.insertPending(request);
      const status = state.status ?? 'pending';
      if (status !== 'pending') {
        await db.cibaGrant.update({
          where: { requestId: request.request_id },
          data: { status, decidedAt: status === 'expired' ? null : (state.decidedAt ?? new Date()), ...(status === 'redeemed' ? { redeemedAt: new Date() } : {}) },
        });
      }
    },
    async decide(request, decision) {
      const data = { request_id: request.request_id, prompt_id: 'p-1', client_id: request.client_id, sub: request.sub, decided_at: new Date().toISOString() };
      const type = decision === 'approved' ? CONSENT_GRANTED_V1 : CONSENT_DENIED_V1;
      await handleCibaGrantEvent(ctx, newEvent(TOPICS.consentDecisions, { type, source: 'test', subject: request.request_id, data }));
    },
    async forgetPollCache() {
      const keys = await cacheRedis.redis.keys(`${cacheRedis.namespace}:*`);
      if (keys.length > 0) await cacheRedis.redis.del(...keys);
    },
    post(path, form, clientId = 'rp-1', headers = {}) {
      return fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(clientId ? { authorization: basicAuth(clientId) } : {}), ...headers },
        body: new URLSearchParams(form).toString(),
      });
    },
    async tokensFor(clientId, overrides = {}) {
      const { authReqId, request } = harness.newRequest({ client_id: clientId, ...overrides });
      await harness.seedGrant(request, { status: 'approved' });
      const res = await harness.post('/token', { grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: authReqId }, clientId);
      if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, any>;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await pool.end();
      if (!owner) return void (await cacheRedis.redis.quit());
      await cacheRedis.close();
      const client = new pg.Client({ connectionString: config.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
  return harness;
}
