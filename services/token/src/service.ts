import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { AuthRequestsPort, TokenIssuerPort } from '@ciba/contracts';
import { startOutbox, type BrokerEpoch, type EventBus, type Subscription } from '@ciba/event-bus';
import { watchOutbox } from '@ciba/metrics';
import { createPgPool, pgReadiness, prepareSchema, type HotRoutes, type Logger, type ReadinessCheck } from '@ciba/service-kit';
import { TOKEN_MIGRATIONS_DIR } from './adapters/db/migrations-dir.ts';
import { createTokenDb } from './adapters/db/prisma-client.ts';
import { signingKeyRepository } from './adapters/db/signing-key-repository.ts';
import { localKeyEncryption } from './adapters/kms/local-key-encryption.ts';
import { adminKeyRoutes } from './routes/admin-keys/index.ts';
import { redisPollFront } from './adapters/redis/redis-poll-front.ts';
import { redisPollCache } from './adapters/redis/redis-poll-cache.ts';
import { redisDpopReplayCache } from './adapters/redis/redis-dpop-replay-cache.ts';
import { createDpopVerifier } from './dpop/dpop-verifier.ts';
import { redisPollBounds } from './adapters/redis/redis-poll-bounds.ts';
import { noPollBounds, type PollBounds } from './domain/grants/poll-bounds.ts';
import type { TokenConfig } from './config.ts';
import type { TokenContext } from './context.ts';
import { createTokenDirectory } from './directory/create-token-directory.ts';
import type { TokenDirectory } from './directory/token-directory.ts';
import { createSigningKeys } from './domain/keys/create-signing-keys.ts';
import type { SigningKeys } from './domain/keys/signing-keys.ts';
import { startConsumers } from './handlers/start-consumers.ts';
import { createTokenIssuer } from './push/create-token-issuer.ts';
import { adminUserRoutes } from './routes/admin-users/index.ts';
import { discoveryRoutes } from './routes/discovery/index.ts';
import { grantRoutes, tokenHandler } from './routes/grant-routes.ts';
import { jwksRoutes } from './routes/jwks/index.ts';
import { registrationRoutes } from './routes/registration/index.ts';

export interface TokenServiceDeps {
  config: TokenConfig;
  logger: Logger;
  bus: EventBus;
  /** Redis for the poll cache (the caller's connection: not closed by `stop()`). */
  redis: Redis;
  /** Redis key prefix; defaults to `config.redisNamespace` (tests pass a unique one). */
  namespace?: string;
  authRequests: AuthRequestsPort;
  /** The bus' epoch, so outbox rows a broker lost by restarting empty go out again (none: no watch). */
  brokerEpoch?: BrokerEpoch;
  /** PostgreSQL schema; defaults to `config.schema` (tests pass a unique one). */
  schema?: string;
}

export interface TokenService {
  /** Public routes: token, discovery, JWKS, registration, userinfo, introspection, revocation, operator users. */
  router: Router;
  /** `/readyz` check of its PostgreSQL (`SELECT 1` on its pool). */
  readiness: { postgresql: ReadinessCheck };
  /** POST /token, also in `router`: served before Express (see `hotRoutes`). */
  hotRoutes: HotRoutes;
  /** The `DirectoryPort` (plus user claims) other services ask. */
  directory: TokenDirectory;
  keys: SigningKeys;
  /** The `TokenIssuerPort` (push tokens, CIBA Core §10.3) the notifier asks. */
  tokenIssuer: TokenIssuerPort;
  /** Migrates, loads keys, starts the outbox relay and the consumers. */
  start(): Promise<void>;
  /** Stops consumers and the relay, then closes the database. */
  stop(): Promise<void>;
}

/** Builds the token service; nothing touches the network until `start()`. */
export async function createTokenService(deps: TokenServiceDeps): Promise<TokenService> {
  const schema = deps.schema ?? deps.config.schema;
  const config: TokenConfig = { ...deps.config, schema };
  const pool = createPgPool(config.databaseUrl, { schema, onIdleError: (err) => deps.logger.warn({ err }, 'idle database connection failed') });
  const db = createTokenDb(pool, schema);
  const { signingKeys: keyConfig } = config;
  const keyStore = signingKeyRepository(db, schema, keyConfig.encryptionKey ? localKeyEncryption(keyConfig.encryptionKey, keyConfig.previousEncryptionKeys) : null);
  const keys = createSigningKeys(keyStore, keyConfig);
  const directory = createTokenDirectory({ config, db, pool, keys, logger: deps.logger });
  const namespace = deps.namespace ?? config.redisNamespace;
  const dpop = createDpopVerifier(config.dpop, redisDpopReplayCache(deps.redis, namespace));
  const ctx: TokenContext = { config, logger: deps.logger, db, pool, bus: deps.bus, pollCache: redisPollCache(deps.redis, namespace), pollBounds: createPollBounds(config, deps.redis, namespace), pollFront: redisPollFront(deps.redis, { namespace, secret: config.adminToken, bounds: config.pollBounds }), keys, directory, authRequests: deps.authRequests, dpop };

  const hotRoutes = { 'POST /token': tokenHandler(ctx) } satisfies HotRoutes;
  const router = Router();
  router.use(discoveryRoutes(ctx));
  router.use(jwksRoutes(ctx));
  router.use(registrationRoutes(ctx));
  router.use(adminUserRoutes(ctx));
  router.use(adminKeyRoutes(ctx));
  router.use(grantRoutes(ctx, hotRoutes['POST /token']));

  let subscriptions: Subscription[] = [];
  let keyRefresh: NodeJS.Timeout | undefined;
  let outbox: { stop(): Promise<void> } | undefined;
  let unwatchOutbox: (() => void) | undefined;

  return {
    router,
    readiness: { postgresql: pgReadiness(pool) },
    hotRoutes,
    directory,
    keys,
    tokenIssuer: createTokenIssuer(ctx),
    async start() {
      await prepareSchema({ production: config.production, migrateOnStart: config.migrateOnStart, databaseUrl: config.databaseUrl, schema, migrationsDir: TOKEN_MIGRATIONS_DIR, log: (m) => deps.logger.info(m) });
      const rewrapped = await keyStore.rewrap();
      if (rewrapped > 0) deps.logger.info({ rewrapped }, 'signing keys wrapped with the current key-encryption key');
      await keys.load();
      keyRefresh = setInterval(() => {
        keys.load().catch((err: unknown) => deps.logger.warn({ err }, 'signing keys could not be reloaded; keeping those loaded'));
      }, keyConfig.refreshIntervalS * 1000);
      keyRefresh.unref();
      outbox = await startOutbox({ databaseUrl: config.databaseUrl, schema, bus: deps.bus, logger: deps.logger, epoch: deps.brokerEpoch });
      unwatchOutbox = watchOutbox('token', pool);
      subscriptions = await startConsumers(ctx);
    },
    async stop() {
      unwatchOutbox?.();
      clearInterval(keyRefresh);
      await Promise.allSettled(subscriptions.map((s) => s.close()));
      subscriptions = [];
      await outbox?.stop();
      outbox = undefined;
      await db.$disconnect();
      if (!pool.ending) await pool.end();
    },
  };
}

/** The per-client poll bounds on the caller's Redis connection (as the poll cache), or none when both are off. */
function createPollBounds(config: TokenConfig, redis: Redis, namespace: string): PollBounds {
  if (config.pollBounds.clientLimit === 0 && config.pollBounds.strikes === 0) return noPollBounds;
  return redisPollBounds(redis, { namespace, secret: config.adminToken, bounds: config.pollBounds });
}
