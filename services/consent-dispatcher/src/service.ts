import { join } from 'node:path';
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { DirectoryPort } from '@ciba/contracts';
import { startOutboxRelay, type EventBus, type OutboxRelay, type Subscription } from '@ciba/event-bus';
import { ensureDatabase, migrate, type Logger } from '@ciba/service-kit';
import type { ChannelAdapter, ChannelAdapters } from './adapters/channels/channel-adapter.ts';
import { webhookChannel } from './adapters/channels/webhook-channel.ts';
import { createConsentDb } from './adapters/db/prisma-client.ts';
import { promptRepository } from './adapters/db/prompt-repository.ts';
import { createDeliveryQueue, type DeliveryQueue } from './adapters/queue/delivery-queue.ts';
import { startDeliveryWorker } from './adapters/queue/delivery-worker.ts';
import type { ConsentConfig } from './config.ts';
import { handleAuthRequestCreated } from './handlers/auth-request-created.ts';
import { deliverPrompt } from './handlers/deliver-prompt.ts';
import { PROMPTS_GROUP, subscribePromptConsumer } from './handlers/prompt-consumer.ts';
import { deviceDecisionRoutes } from './routes/device-decisions/index.ts';

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
  /** Extra channel adapters (sms, email, push providers); the webhook adapter is built in. */
  channelAdapters?: readonly ChannelAdapter[];
}

export interface ConsentDispatcherService {
  /** Public routes: `POST /device/decisions/{prompt_id}`. */
  router: Router;
  /** Migrates, starts the outbox relay, the `ciba.auth-requests` consumer and the delivery worker. */
  start(): Promise<void>;
  /** Stops consuming and delivering, then the relay, then closes the database. */
  stop(): Promise<void>;
}

/** Builds the consent dispatcher; nothing touches the network until `start()`. */
export async function createConsentDispatcherService(deps: ConsentDispatcherDeps): Promise<ConsentDispatcherService> {
  const { config, logger, bus, directory, redis } = deps;
  const schema = deps.schema ?? config.schema;
  const prefix = deps.queuePrefix ?? 'ciba';
  const now = () => new Date();
  const db = createConsentDb(config.databaseUrl, schema);
  const store = promptRepository(db, schema);
  const adapters: ChannelAdapters = { webhook: webhookChannel({ timeoutMs: config.webhookTimeoutMs, production: config.production }) };
  for (const adapter of deps.channelAdapters ?? []) Object.assign(adapters, { [adapter.type]: adapter });

  const router = Router();
  router.use(deviceDecisionRoutes({ logger, store, now }));

  let queue: DeliveryQueue | undefined;
  let worker: { close(): Promise<void> } | undefined;
  let subscription: Subscription | undefined;
  let relay: OutboxRelay | undefined;

  return {
    router,
    async start() {
      if (!config.production) await ensureDatabase(config.databaseUrl);
      await migrate({ databaseUrl: config.databaseUrl, schema, migrationsDir: CONSENT_MIGRATIONS_DIR, log: (m) => logger.info(m) });
      relay = await startOutboxRelay({ databaseUrl: config.databaseUrl, schema, bus, logger });
      queue = createDeliveryQueue({ connection: redis, prefix, attempts: config.deliveryAttempts, backoffMs: config.deliveryBackoffMs });
      subscription = await subscribePromptConsumer(bus, handleAuthRequestCreated({ store, queue, logger, group: PROMPTS_GROUP, now }));
      worker = startDeliveryWorker({
        connection: redis,
        prefix,
        concurrency: config.deliveryConcurrency,
        logger,
        run: deliverPrompt({ store, directory, adapters, logger, publicUrl: config.publicUrl, now }),
      });
    },
    async stop() {
      await subscription?.close();
      await worker?.close();
      await queue?.close();
      await relay?.stop();
      subscription = worker = queue = relay = undefined;
      await db.$disconnect();
    },
  };
}
