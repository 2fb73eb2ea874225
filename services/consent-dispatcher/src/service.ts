import { join } from 'node:path';
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { DirectoryPort } from '@ciba/contracts';
import { startOutboxRelay, type EventBus, type OutboxRelay, type Subscription } from '@ciba/event-bus';
import type { BrokerEpoch } from '@ciba/event-bus/outbox/broker-epoch';
import { brokerEpochFor } from '@ciba/event-bus/outbox/broker-epoch-for';
import { watchBrokerResets } from '@ciba/event-bus/outbox/watch-broker-resets';
import type { BrokerResetWatch } from '@ciba/event-bus/outbox/watch-broker-resets-options';
import { createPgPool, ensureDatabase, migrate, pgReadiness, type Logger, type ReadinessCheck } from '@ciba/service-kit';
import type { ChannelAdapter, ChannelAdapters } from './adapters/channels/channel-adapter.ts';
import { webhookChannel } from './adapters/channels/webhook-channel.ts';
import { createConsentDb } from './adapters/db/prisma-client.ts';
import { promptRepository } from './adapters/db/prompt-repository.ts';
import { createDeliveryQueue, type DeliveryQueue } from './adapters/queue/delivery-queue.ts';
import { startDeliveryWorker } from './adapters/queue/delivery-worker.ts';
import { inlineDeliveries, type InlineDeliveries } from './delivery/inline-deliveries.ts';
import { runEvery, type Periodic } from './adapters/timer/run-every.ts';
import type { ConsentConfig } from './config.ts';
import { handleAuthRequestCreated } from './handlers/auth-request-created.ts';
import { deliverPrompt } from './handlers/deliver-prompt.ts';
import { expireDuePrompts } from './handlers/expire-due-prompts.ts';
import { PROMPTS_GROUP, subscribePromptConsumer } from './handlers/prompt-consumer.ts';
import { reconcileDeliveries } from './handlers/reconcile-deliveries.ts';
import { deviceDecisionRoutes } from './routes/device-decisions/index.ts';
import { deviceApprovalRoutes } from './routes/device-approval/index.ts';

/** Prisma Migrate folder applied at start. */
export const CONSENT_MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

export interface ConsentDispatcherDeps {
  config: ConsentConfig;
  logger: Logger;
  bus: EventBus;
  /** Users' channels and clients' names (owner: token). */
  directory: DirectoryPort;
  /** ioredis connection for BullMQ (`maxRetriesPerRequest: null`, as `createRedis` makes it); the caller closes it. */
  redis: Redis;
  /** PostgreSQL schema; defaults to `config.schema` (tests pass a unique one). */
  schema?: string;
  /** BullMQ key prefix. @defaultValue 'ciba' */
  queuePrefix?: string;
  /** The Redis Streams bus' namespace (for its epoch marker). @defaultValue queuePrefix */
  busNamespace?: string;
  /** The bus' epoch; by default Kafka's constant one or `<busNamespace>:epoch` on `redis`. */
  brokerEpoch?: BrokerEpoch;
  /** Extra channel adapters (sms, email, push providers); the webhook adapter is built in. */
  channelAdapters?: readonly ChannelAdapter[];
}

export interface ConsentDispatcherService {
  /** Public routes: `POST /device/decisions/{prompt_id}`. */
  router: Router;
  /** `/readyz` check of its PostgreSQL (`SELECT 1` on its pool). */
  readiness: { postgresql: ReadinessCheck };
  /**
   * Migrates, then starts the broker-reset watch, the outbox relay, the `ciba.auth-requests` consumer
   * (with the in-process first deliveries), the delivery worker, the expiry sweeper and the delivery
   * reconciler.
   */
  start(): Promise<void>;
  /** Stops the periodic tasks, consuming and delivering, then the relay and the watch, then closes the database. */
  stop(): Promise<void>;
}

/** Builds the consent dispatcher; nothing touches the network until `start()`. */
export async function createConsentDispatcherService(deps: ConsentDispatcherDeps): Promise<ConsentDispatcherService> {
  const { config, logger, bus, directory, redis } = deps;
  const schema = deps.schema ?? config.schema;
  const prefix = deps.queuePrefix ?? 'ciba';
  const epoch = deps.brokerEpoch ?? brokerEpochFor({ kafkaBrokers: config.kafkaBrokers, redis, namespace: deps.busNamespace ?? prefix });
  const now = () => new Date();
  const pool = createPgPool(config.databaseUrl, { schema, onIdleError: (err) => logger.warn({ err }, 'idle database connection failed') });
  const db = createConsentDb(pool, schema);
  const store = promptRepository(db, pool, schema);
  const adapters: ChannelAdapters = { webhook: webhookChannel({ timeoutMs: config.webhookTimeoutMs, production: config.production }) };
  for (const adapter of deps.channelAdapters ?? []) Object.assign(adapters, { [adapter.type]: adapter });

  const router = Router();
  router.use(deviceDecisionRoutes({ logger, store, now }));
  router.use(deviceApprovalRoutes({ logger, store, now, directory, csrfSecret: config.adminToken, secureCookies: config.publicUrl.startsWith('https:') }));

  let watch: BrokerResetWatch | undefined;
  let relay: OutboxRelay | undefined;
  let queue: DeliveryQueue | undefined;
  let inline: InlineDeliveries | undefined;
  let worker: { close(): Promise<void> } | undefined;
  let subscription: Subscription | undefined;
  let periodic: Periodic[] = [];

  return {
    router,
    readiness: { postgresql: pgReadiness(pool) },
    async start() {
      if (!config.production) await ensureDatabase(config.databaseUrl);
      await migrate({ databaseUrl: config.databaseUrl, schema, migrationsDir: CONSENT_MIGRATIONS_DIR, log: (m) => logger.info(m) });
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
      const q = createDeliveryQueue({ connection: redis, prefix, attempts: config.deliveryAttempts, backoffMs: config.deliveryBackoffMs });
      queue = q;
      const run = deliverPrompt({ store, directory, adapters, logger, publicUrl: config.publicUrl, now });
      const firstRuns = inlineDeliveries({
        concurrency: config.deliveryConcurrency,
        backlog: 100 * config.deliveryConcurrency,
        maxWaitMs: config.reconcileGraceMs / 2,
        attempts: config.deliveryAttempts,
        run,
        queue: q,
        logger,
      });
      inline = firstRuns;
      subscription = await subscribePromptConsumer(bus, handleAuthRequestCreated({ store, inline: firstRuns, queue: q, logger, group: PROMPTS_GROUP, now }));
      worker = startDeliveryWorker({ connection: redis, prefix, concurrency: config.deliveryConcurrency, logger, run });
      const sweep = expireDuePrompts({ store, logger, now, batchSize: config.expiryBatch });
      const reconcile = reconcileDeliveries({ store, queue: q, inline: firstRuns, logger, now, graceMs: config.reconcileGraceMs, pageSize: 200 });
      periodic = [
        runEvery({ intervalMs: config.expirySweepMs, task: async () => void (await sweep()), onError: (err) => logger.warn({ err }, 'expiry sweep failed; retrying') }),
        runEvery({ intervalMs: config.reconcileMs, task: async () => void (await reconcile()), onError: (err) => logger.warn({ err }, 'delivery reconciliation failed; retrying') }),
      ];
    },
    async stop() {
      await Promise.all(periodic.map((p) => p.stop()));
      periodic = [];
      await subscription?.close();
      // First runs under way may still hand their prompt to the queue: they end before it closes.
      await inline?.close();
      await worker?.close();
      await queue?.close();
      await relay?.stop();
      await watch?.stop();
      subscription = inline = worker = queue = relay = watch = undefined;
      await db.$disconnect();
      if (!pool.ending) await pool.end();
    },
  };
}
