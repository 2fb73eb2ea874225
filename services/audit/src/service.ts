import { join } from 'node:path';
import { Router } from 'express';
import type { EventBus, Subscription } from '@ciba/event-bus';
import { createPgPool, pgReadiness, prepareSchema, type Logger, type ReadinessCheck } from '@ciba/service-kit';
import { auditStore } from './adapters/db/audit-store.ts';
import type { AuditConfig } from './config.ts';
import { subscribeAuditRecorder } from './handlers/record-event.ts';
import { adminAuditRoutes } from './routes/admin-audit/index.ts';

/** Prisma Migrate folder applied at start. */
export const AUDIT_MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

export interface AuditDeps {
  config: AuditConfig;
  logger: Logger;
  bus: EventBus;
  /** PostgreSQL schema; defaults to `config.schema` (tests pass a unique one). */
  schema?: string;
}

export interface AuditService {
  /** `GET /admin/audit`. */
  router: Router;
  readiness: { postgresql: ReadinessCheck };
  /** Migrates (development) or checks the schema is migrated (production), then records every event of every fixed topic. */
  start(): Promise<void>;
  /** Stops recording (the event in hand is recorded first), then closes the database. */
  stop(): Promise<void>;
}

/** Builds the audit service; nothing touches the network until `start()`. */
export function createAuditService(deps: AuditDeps): AuditService {
  const { config, logger, bus } = deps;
  const schema = deps.schema ?? config.schema;
  const pool = createPgPool(config.databaseUrl, { schema, onIdleError: (err) => logger.warn({ err }, 'idle database connection failed') });
  const store = auditStore(pool);
  const router = Router();
  router.use(adminAuditRoutes({ adminToken: config.adminToken, store, pageMax: config.pageMax }));
  let subscription: Subscription | undefined;
  return {
    router,
    readiness: { postgresql: pgReadiness(pool) },
    async start() {
      await prepareSchema({ production: config.production, migrateOnStart: config.migrateOnStart, databaseUrl: config.databaseUrl, schema, migrationsDir: AUDIT_MIGRATIONS_DIR, log: (m) => logger.info(m) });
      subscription = await subscribeAuditRecorder(bus, store);
    },
    async stop() {
      await subscription?.close();
      subscription = undefined;
      if (!pool.ending) await pool.end();
    },
  };
}
