import { join } from 'node:path';
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { AuthRequestsPort, DirectoryPort, TokenIssuerPort } from '@ciba/contracts';
import { startOutbox, type BrokerEpoch, type EventBus, type Subscription } from '@ciba/event-bus';
import { QUEUES } from '@ciba/contracts/queues';
import { watchOutbox, watchQueue } from '@ciba/metrics';
import { createPgPool, pgReadiness, prepareSchema, type Logger, type ReadinessCheck } from '@ciba/service-kit';
import { notificationRepository } from './adapters/db/notification-repository.ts';
import { createNotifierDb } from './adapters/db/prisma-client.ts';
import { sendNotification } from './adapters/http/send-notification.ts';
import { createNotificationQueue, type NotificationQueue } from './adapters/queue/notification-queue.ts';
import { startNotificationWorker } from './adapters/queue/notification-worker.ts';
import type { NotifierConfig } from './config.ts';
import { deliverFirstAttempt } from './delivery/deliver-first-attempt.ts';
import type { DeliveryDeps } from './delivery/delivery-deps.ts';
import { firstAttemptSlots } from './delivery/first-attempt-slots.ts';
import { handleConsentDecided } from './handlers/consent-decided.ts';
import { NOTIFICATIONS_GROUP, subscribeDecisionConsumer } from './handlers/decision-consumer.ts';
import { deliverNotification } from './handlers/deliver-notification.ts';
import { startReconciler } from './reconciler/start-reconciler.ts';
import { adminNotificationRoutes } from './routes/admin-notifications/index.ts';

/** How long a run waits for the token service to learn a decision before retrying later. */
const SETTLE_WAIT_MS = 3000;

/** Prisma Migrate folder applied at start. */
export const NOTIFIER_MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

export interface NotifierDeps {
  config: NotifierConfig;
  logger: Logger;
  bus: EventBus;
  /** ioredis connection for BullMQ (`maxRetriesPerRequest: null`, as `createRedis` makes it); the caller closes it. */
  redis: Redis;
  /** Clients' notification endpoints (owner: token). */
  directory: Pick<DirectoryPort, 'getClient'>;
  /** The `auth_req_id` and `client_notification_token` of a request, and the request of an `auth_req_id` hash (owner: auth-endpoint). */
  authRequests: Pick<AuthRequestsPort, 'getNotificationTarget' | 'findByAuthReqIdHash'>;
  /** Push tokens and the token endpoint's view of a decision (owner: token). */
  tokenIssuer: TokenIssuerPort;
  /** PostgreSQL schema; defaults to `config.schema` (tests pass a unique one). */
  schema?: string;
  /** BullMQ key prefix. @defaultValue 'ciba' */
  queuePrefix?: string;
  /** The bus' epoch, so outbox rows a broker lost by restarting empty go out again (none: no watch). */
  brokerEpoch?: BrokerEpoch;
}

export interface NotifierService {
  /** Operator routes: `GET /admin/notifications/{request_id}` and `GET /admin/notifications?auth_req_id=…`. */
  router: Router;
  /** `/readyz` check of its PostgreSQL (`SELECT 1` on its pool). */
  readiness: { postgresql: ReadinessCheck };
  /** Migrates, starts the outbox relay, the retry worker, the reconciler and the `ciba.consent-decisions` consumer. */
  start(): Promise<void>;
  /** Stops consuming, waits for the first attempts in process, stops the reconciler and the worker, then the relay, then closes the database. */
  stop(): Promise<void>;
}

/** Builds the notifier; nothing touches the network until `start()`. */
export async function createNotifierService(deps: NotifierDeps): Promise<NotifierService> {
  const { config, logger, bus, redis } = deps;
  const schema = deps.schema ?? config.schema;
  const prefix = deps.queuePrefix ?? 'ciba';
  const pool = createPgPool(config.databaseUrl, { schema, onIdleError: (err) => logger.warn({ err }, 'idle database connection failed') });
  const db = createNotifierDb(pool, schema);
  const store = notificationRepository(db, pool);
  const delivery: DeliveryDeps = {
    store,
    authRequests: deps.authRequests,
    directory: deps.directory,
    tokenIssuer: deps.tokenIssuer,
    send: (url, bearer, body) => sendNotification(url, bearer, body, { timeoutMs: config.timeoutMs, production: config.production }),
    logger,
    now: () => new Date(),
    settle: { waitMs: SETTLE_WAIT_MS, stepMs: 50 },
    leaseMs: SETTLE_WAIT_MS + config.timeoutMs + 5_000,
  };

  const slots = firstAttemptSlots(config.firstAttemptsInFlight);

  const router = Router();
  router.use(adminNotificationRoutes({ adminToken: config.adminToken, store, authRequests: deps.authRequests }));

  let queue: NotificationQueue | undefined;
  let worker: { close(): Promise<void> } | undefined;
  let reconciler: { stop(): Promise<void> } | undefined;
  let subscription: Subscription | undefined;
  let relay: { stop(): Promise<void> } | undefined;
  let unwatch: Array<() => void> = [];

  return {
    router,
    readiness: { postgresql: pgReadiness(pool) },
    async start() {
      await prepareSchema({ production: config.production, migrateOnStart: config.migrateOnStart, databaseUrl: config.databaseUrl, schema, migrationsDir: NOTIFIER_MIGRATIONS_DIR, log: (m) => logger.info(m) });
      relay = await startOutbox({ databaseUrl: config.databaseUrl, schema, bus, logger, epoch: deps.brokerEpoch });
      queue = createNotificationQueue({ connection: redis, prefix, attempts: config.maxAttempts });
      unwatch = [watchOutbox('notifier', pool), watchQueue(QUEUES.clientNotificationDelivery, queue.jobCounts)];
      worker = startNotificationWorker({ connection: redis, prefix, concurrency: config.concurrency, backoff: config.backoff, logger, run: deliverNotification(delivery) });
      reconciler = startReconciler({ store, queue, logger, intervalMs: config.reconcileIntervalMs });
      const firstAttempt = deliverFirstAttempt({ delivery, queue, maxAttempts: config.maxAttempts, backoff: config.backoff });
      subscription = await subscribeDecisionConsumer(
        bus,
        handleConsentDecided({ store, queue, authRequests: deps.authRequests, logger, group: NOTIFICATIONS_GROUP, slots, leaseMs: delivery.leaseMs, firstAttempt }),
      );
    },
    async stop() {
      for (const stopWatching of unwatch) stopWatching();
      unwatch = [];
      await subscription?.close();
      await slots.drain();
      await reconciler?.stop();
      await worker?.close();
      await queue?.close();
      await relay?.stop();
      subscription = reconciler = worker = queue = relay = undefined;
      await db.$disconnect();
      if (!pool.ending) await pool.end();
    },
  };
}
