import { join } from 'node:path';
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { AuthRequestsPort, DirectoryPort } from '@ciba/contracts';
import { startOutboxRelay, type EventBus, type OutboxRelay, type Subscription } from '@ciba/event-bus';
import type { BrokerEpoch } from '@ciba/event-bus/outbox/broker-epoch';
import { brokerEpochFor } from '@ciba/event-bus/outbox/broker-epoch-for';
import { watchBrokerResets } from '@ciba/event-bus/outbox/watch-broker-resets';
import type { BrokerResetWatch } from '@ciba/event-bus/outbox/watch-broker-resets-options';
import { watchOutbox } from '@ciba/metrics';
import { createPgPool, pgReadiness, prepareSchema, type Logger, type ReadinessCheck } from '@ciba/service-kit';
import { offerRepository } from './adapters/db/offer-repository.ts';
import { createConsentDb } from './adapters/db/prisma-client.ts';
import { promptRepository } from './adapters/db/prompt-repository.ts';
import { runEvery, type Periodic } from './adapters/timer/run-every.ts';
import type { ConsentConfig } from './config.ts';
import { handleAuthRequestCreated } from './handlers/auth-request-created.ts';
import { handleChannelOutcome } from './handlers/channel-outcome.ts';
import { expireDuePrompts } from './handlers/expire-due-prompts.ts';
import { OUTCOMES_GROUP, subscribeOutcomeConsumer } from './handlers/outcome-consumer.ts';
import { PROMPTS_GROUP, subscribePromptConsumer } from './handlers/prompt-consumer.ts';
import { sweepOffers } from './handlers/sweep-offers.ts';
import { channelKeys } from './offering/channel-keys.ts';
import { continueOffers } from './offering/continue-offers.ts';
import { offerNext } from './offering/offer-next.ts';
import { adminPromptRoutes } from './routes/admin-prompts/index.ts';
import { deviceDecisionRoutes } from './routes/device-decisions/index.ts';
import { deviceApprovalRoutes } from './routes/device-approval/index.ts';

/** Prisma Migrate folder applied at start. */
export const CONSENT_MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

/** Offers timed out, or due prompts taken, per transaction of an offer sweep. */
const OFFER_SWEEP_BATCH = 200;

export interface ConsentDispatcherDeps {
  config: ConsentConfig;
  logger: Logger;
  bus: EventBus;
  /** Users' channels, clients' names and policies, and the webhook body signature (owner: token). */
  directory: DirectoryPort;
  /** Requests by `auth_req_id` hash, for the operator view (owner: auth-endpoint). */
  authRequests: Pick<AuthRequestsPort, 'findByAuthReqIdHash'>;
  /** A connection to `REDIS_URL`, for the Redis Streams bus' epoch; the caller closes it. */
  redis: Redis;
  /** PostgreSQL schema; defaults to `config.schema` (tests pass a unique one). */
  schema?: string;
  /** The Redis Streams bus' namespace (for its epoch marker). @defaultValue 'ciba' */
  busNamespace?: string;
  /** The bus' epoch; by default Kafka's constant one or `<busNamespace>:epoch` on `redis`. */
  brokerEpoch?: BrokerEpoch;
}

export interface ConsentDispatcherService {
  /** Public routes: `POST /device/decisions/{prompt_id}`; operators: `GET /admin/prompts/{id}`. */
  router: Router;
  /** `/readyz` check of its PostgreSQL (`SELECT 1` on its pool). */
  readiness: { postgresql: ReadinessCheck };
  /**
   * Migrates, then starts the broker-reset watch, the outbox relay, the `ciba.auth-requests` and
   * `ciba.channel-outcomes` consumers, the offer sweeper and the expiry sweeper.
   */
  start(): Promise<void>;
  /** Stops the periodic tasks and consumers, then the relay and the watch, then closes the database. */
  stop(): Promise<void>;
}

/** Builds the consent dispatcher; nothing touches the network until `start()`. */
export async function createConsentDispatcherService(deps: ConsentDispatcherDeps): Promise<ConsentDispatcherService> {
  const { config, logger, bus, directory, redis } = deps;
  const schema = deps.schema ?? config.schema;
  const epoch = deps.brokerEpoch ?? brokerEpochFor({ kafkaBrokers: config.kafkaBrokers, redis, namespace: deps.busNamespace ?? 'ciba' });
  const now = () => new Date();
  const pool = createPgPool(config.databaseUrl, { schema, onIdleError: (err) => logger.warn({ err }, 'idle database connection failed') });
  const db = createConsentDb(pool, schema);
  const store = promptRepository(db, pool, schema);
  const offers = offerRepository(pool);
  const leaseMs = config.offerLeaseMs;
  const offer = continueOffers(
    offerNext({
      offers,
      directory,
      keys: channelKeys(config.channelMasterKey),
      logger,
      publicUrl: config.publicUrl,
      deadlines: config.channelDeadlines,
      rounds: config.deliveryAttempts,
      backoffMs: config.deliveryBackoffMs,
      leaseMs,
      now,
    }),
    logger,
  );

  const router = Router();
  router.use(deviceDecisionRoutes({ logger, store, now }));
  router.use(deviceApprovalRoutes({ logger, store, now, directory, csrfSecret: config.adminToken, secureCookies: config.publicUrl.startsWith('https:') }));
  router.use(adminPromptRoutes({ adminToken: config.adminToken, store, offers, authRequests: deps.authRequests }));

  let watch: BrokerResetWatch | undefined;
  let relay: OutboxRelay | undefined;
  let unwatchOutbox: (() => void) | undefined;
  let subscriptions: Subscription[] = [];
  let periodic: Periodic[] = [];

  return {
    router,
    readiness: { postgresql: pgReadiness(pool) },
    async start() {
      await prepareSchema({ production: config.production, migrateOnStart: config.migrateOnStart, databaseUrl: config.databaseUrl, schema, migrationsDir: CONSENT_MIGRATIONS_DIR, log: (m) => logger.info(m) });
      // Before the relay: what a broker that restarted empty lost is queued again ahead of anything new.
      watch = await watchBrokerResets({
        databaseUrl: config.databaseUrl,
        schema,
        epoch,
        logger,
        intervalMs: config.brokerEpochCheckMs,
        windowMs: config.outboxReplayWindowMs,
      });
      relay = await startOutboxRelay({ databaseUrl: config.databaseUrl, schema, bus, logger });
      unwatchOutbox = watchOutbox('consent-dispatcher', pool);
      subscriptions = [
        await subscribePromptConsumer(bus, handleAuthRequestCreated({ store, offer, logger, group: PROMPTS_GROUP, leaseMs, now })),
        await subscribeOutcomeConsumer(bus, handleChannelOutcome({ offers, offer, logger, group: OUTCOMES_GROUP, leaseMs, now })),
      ];
      const expire = expireDuePrompts({ store, logger, now, batchSize: config.expiryBatch });
      const sweep = sweepOffers({ offers, offer, logger, now, leaseMs, batchSize: OFFER_SWEEP_BATCH });
      periodic = [
        runEvery({ intervalMs: config.expirySweepMs, task: async () => void (await expire()), onError: (err) => logger.warn({ err }, 'expiry sweep failed; retrying') }),
        runEvery({ intervalMs: config.offerSweepMs, task: async () => void (await sweep()), onError: (err) => logger.warn({ err }, 'offer sweep failed; retrying') }),
      ];
    },
    async stop() {
      unwatchOutbox?.();
      await Promise.all(periodic.map((p) => p.stop()));
      periodic = [];
      await Promise.all(subscriptions.map((s) => s.close()));
      subscriptions = [];
      await relay?.stop();
      await watch?.stop();
      relay = watch = undefined;
      await db.$disconnect();
      if (!pool.ending) await pool.end();
    },
  };
}
