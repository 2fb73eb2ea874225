import { join } from 'node:path';
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { AuthRequestsPort, DirectoryPort } from '@ciba/contracts';
import { startOutbox, type BrokerEpoch, type EventBus, type Subscription } from '@ciba/event-bus';
import { TOPICS } from '@ciba/contracts';
import { BACKCHANNEL_AUTHENTICATION_PATH } from '@ciba/contracts/api/backchannel-authentication';
import { deliveryMetrics, watchOutbox } from '@ciba/metrics';
import { createPgPool, pgReadiness, prepareSchema, type HotRoutes, type Logger, type ReadinessCheck } from '@ciba/service-kit';
import { pgAuthRequestRepository } from './adapters/db/pg-auth-request-repository.ts';
import { pgRequestObjectJtis } from './adapters/db/pg-request-object-jtis.ts';
import { hintIssuerKeys } from './hint-issuers/hint-issuer-keys.ts';
import { redisPromptLimits } from './adapters/redis/redis-prompt-limits.ts';
import { createAuthRequestsPort } from './auth-requests/create-auth-requests-port.ts';
import { redisUserCodeAttempts } from './adapters/redis/redis-user-code-attempts.ts';
import { pgOutboxBacklog } from './adapters/db/pg-outbox-backlog.ts';
import type { AuthEndpointConfig, PromptLimitsConfig } from './config.ts';
import type { ShedReason } from './domain/load-shedding/shed-decision.ts';
import { noUserCodeAttemptLimit, type UserCodeAttempts } from './domain/user-code-attempts.ts';
import { noLoadShedding, type LoadShedder } from './load-shedding/load-shedder.ts';
import { sampledLoadShedder } from './load-shedding/sampled-load-shedder.ts';
import { startBacklogSampler, type BacklogSampler } from './load-shedding/start-backlog-sampler.ts';
import { noPromptLimits } from './domain/no-prompt-limits.ts';
import type { PromptLimits } from './domain/prompt-limits.ts';
import { handleConsentSettled } from './handlers/consent-settled.ts';
import { subscribeDecisionConsumer } from './handlers/decision-consumer.ts';
import { backchannelAuthenticationHandler, backchannelAuthenticationRoutes } from './routes/backchannel-authentication/index.ts';
import type { BackchannelDeps } from './routes/backchannel-authentication/context.ts';

/** Prisma Migrate folder applied at start. */
export const AUTH_ENDPOINT_MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

export interface AuthEndpointServiceDeps {
  config: AuthEndpointConfig;
  logger: Logger;
  bus: EventBus;
  /** The bus' epoch, so outbox rows a broker lost by restarting empty go out again (none: no watch). */
  brokerEpoch?: BrokerEpoch;
  directory: DirectoryPort;
  /** Where the prompt limits live, shared by every replica; needed unless every `BC_*` limit is 0. */
  redis?: Redis;
  /** Prefix of the prompt limits' Redis keys; defaults to `config.redisNamespace`. */
  namespace?: string;
  /** PostgreSQL schema; defaults to `config.schema` (tests pass a unique one). */
  schema?: string;
  /** Called once per request shed by load shedding (the `ciba_load_shed_total{reason}` counter). */
  onLoadShed?: (reason: ShedReason) => void;
}

export interface AuthEndpointService {
  /** Public routes: `POST /bc-authorize`. */
  router: Router;
  /** `/readyz` check of its PostgreSQL (`SELECT 1` on its pool). */
  readiness: { postgresql: ReadinessCheck };
  /** POST /bc-authorize, also in `router`: served before Express (see `hotRoutes`). */
  hotRoutes: HotRoutes;
  /** The `AuthRequestsPort` other services ask. */
  authRequests: AuthRequestsPort;
  /** Creates the database in development, migrates, starts the outbox relay and the decision consumer. */
  start(): Promise<void>;
  /** Stops the consumer and the relay, then closes the pool and the prompt limits' Redis connection. */
  stop(): Promise<void>;
}

/** Builds the auth-endpoint service; nothing touches the network until `start()`. */
export async function createAuthEndpointService(deps: AuthEndpointServiceDeps): Promise<AuthEndpointService> {
  const schema = deps.schema ?? deps.config.schema;
  const config: AuthEndpointConfig = { ...deps.config, schema };
  const pool = createPgPool(config.databaseUrl, { schema, onIdleError: (err) => deps.logger.warn({ err }, 'idle database connection failed') });
  // Every statement of this service is on a hot path, so all go through the pool as plain SQL; the
  // Prisma schema describes the tables and their migrations, no Prisma client runs.
  const repository = pgAuthRequestRepository(pool);
  const promptLimits = createPromptLimits(config, deps);
  const userCodeAttempts = createUserCodeAttempts(config, deps);
  const shedding = createLoadShedding(config, deps, pool);
  const backchannel: BackchannelDeps = {
    config,
    logger: deps.logger,
    directory: deps.directory,
    repository,
    jtis: pgRequestObjectJtis(pool),
    promptLimits: promptLimits.limits,
    hintIssuers: hintIssuerKeys(config.hintIssuers, config.production),
    userCodeAttempts: userCodeAttempts.attempts,
    loadShedder: shedding.shedder,
    now: () => new Date(),
  };
  const bcAuthorize = backchannelAuthenticationHandler(backchannel);
  const hotRoutes: HotRoutes = { [`POST ${BACKCHANNEL_AUTHENTICATION_PATH}`]: bcAuthorize };
  const router = Router();
  router.use(backchannelAuthenticationRoutes(backchannel, bcAuthorize));

  let outbox: { stop(): Promise<void> } | undefined;
  let unwatchOutbox: (() => void) | undefined;
  let decisions: Subscription | undefined;
  return {
    router,
    readiness: { postgresql: pgReadiness(pool) },
    hotRoutes,
    authRequests: createAuthRequestsPort(repository),
    async start() {
      await prepareSchema({ production: config.production, migrateOnStart: config.migrateOnStart, databaseUrl: config.databaseUrl, schema, migrationsDir: AUTH_ENDPOINT_MIGRATIONS_DIR, log: (m) => deps.logger.info(m) });
      promptLimits.open();
      userCodeAttempts.open();
      shedding.start();
      outbox = await startOutbox({ databaseUrl: config.databaseUrl, schema, bus: deps.bus, logger: deps.logger, epoch: deps.brokerEpoch });
      unwatchOutbox = watchOutbox('auth-endpoint', pool);
      if (config.promptLimits.duplicateWindowS > 0) decisions = await subscribeDecisionConsumer(deps.bus, handleConsentSettled(backchannel.promptLimits, deps.logger));
    },
    async stop() {
      unwatchOutbox?.();
      await shedding.stop();
      await decisions?.close();
      decisions = undefined;
      await outbox?.stop();
      outbox = undefined;
      if (!pool.ending) await pool.end();
      promptLimits.close();
      userCodeAttempts.close();
    },
  };
}

function limitsOn(limits: PromptLimitsConfig): boolean {
  return limits.perUser.limit > 0 || limits.perClient.limit > 0 || limits.duplicateWindowS > 0;
}

/**
 * Redis-backed prompt limits, or none when every limit is 0. They get a connection of their own, with
 * auto-pipelining: the scripts of concurrent requests go out in one write, and nothing else that
 * shares the caller's connection (queues, the bus) waits behind them or they behind it.
 */
function createPromptLimits(config: AuthEndpointConfig, deps: AuthEndpointServiceDeps): { limits: PromptLimits; open(): void; close(): void } {
  if (!limitsOn(config.promptLimits)) return { limits: noPromptLimits, open: () => undefined, close: () => undefined };
  if (!deps.redis) throw new Error('the prompt limits (BC_USER_PROMPT_LIMIT, BC_CLIENT_PROMPT_LIMIT, BC_DUPLICATE_PROMPT_WINDOW_S) need a Redis connection');
  const connection = deps.redis.duplicate({ enableAutoPipelining: true, lazyConnect: true, connectionName: 'ciba-auth-endpoint-prompt-limits' });
  // While it is down the limits refuse requests (and log each refusal); the reconnect errors themselves add nothing.
  connection.on('error', () => undefined);
  const limits = redisPromptLimits(connection, { namespace: deps.namespace ?? config.redisNamespace, secret: config.adminToken, limits: config.promptLimits });
  return {
    limits,
    // A Redis down at start stops nothing: requests are refused until it is back (ioredis reconnects).
    open: () => void connection.connect().catch(() => undefined),
    close: () => connection.disconnect(),
  };
}

/**
 * The `user_code` attempt limit on Redis (a connection of its own, auto-pipelined, like the prompt
 * limits'), or none when `BC_USER_CODE_MAX_ATTEMPTS` is 0.
 */
function createUserCodeAttempts(config: AuthEndpointConfig, deps: AuthEndpointServiceDeps): { attempts: UserCodeAttempts; open(): void; close(): void } {
  if (config.userCodeAttempts.maxAttempts === 0) return { attempts: noUserCodeAttemptLimit, open: () => undefined, close: () => undefined };
  if (!deps.redis) throw new Error('the user_code attempt limit (BC_USER_CODE_MAX_ATTEMPTS) needs a Redis connection');
  const connection = deps.redis.duplicate({ enableAutoPipelining: true, lazyConnect: true, connectionName: 'ciba-auth-endpoint-user-code-attempts' });
  connection.on('error', () => undefined);
  const attempts = redisUserCodeAttempts(connection, { namespace: deps.namespace ?? config.redisNamespace, secret: config.adminToken, limits: config.userCodeAttempts, timeoutMs: config.promptLimits.timeoutMs });
  return { attempts, open: () => void connection.connect().catch(() => undefined), close: () => connection.disconnect() };
}

/**
 * Load shedding: one backlog sampler for this process (started with the service), its state read by
 * every request; none when `BC_SHED_MAX_WAIT_S` is 0.
 */
function createLoadShedding(config: AuthEndpointConfig, deps: AuthEndpointServiceDeps, pool: Parameters<typeof pgOutboxBacklog>[0]): { shedder: LoadShedder; start(): void; stop(): Promise<void> } {
  const { maxWaitS, minBacklog, sampleMs, consumerGroup } = config.shedding;
  if (maxWaitS === 0) return { shedder: noLoadShedding, start: () => undefined, stop: async () => undefined };
  let sampler: BacklogSampler | undefined;
  // A state older than a few samples (or 2 s) means the sampler is stuck: shed nothing on it.
  const policy = { maxWaitS, minBacklog, staleAfterMs: Math.max(2000, sampleMs * 8) };
  const shedder = sampledLoadShedder(() => sampler?.current(), policy, deps.logger, deps.onLoadShed ?? ((reason) => deliveryMetrics.loadShed.inc({ reason })));
  return {
    shedder,
    start() {
      sampler ??= startBacklogSampler({ readOutbox: pgOutboxBacklog(pool), bus: deps.bus, group: consumerGroup, topic: TOPICS.authRequests, intervalMs: sampleMs, logger: deps.logger });
    },
    async stop() {
      await sampler?.stop();
      sampler = undefined;
    },
  };
}
