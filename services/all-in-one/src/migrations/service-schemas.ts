import { AUDIT_MIGRATIONS_DIR } from '@ciba/audit/src/service.ts';
import { AUTH_ENDPOINT_MIGRATIONS_DIR } from '@ciba/auth-endpoint/src/service.ts';
import { CONSENT_MIGRATIONS_DIR } from '@ciba/consent-dispatcher/src/service.ts';
import { NOTIFIER_MIGRATIONS_DIR } from '@ciba/notifier/src/service.ts';
import { TOKEN_MIGRATIONS_DIR } from '@ciba/token/src/adapters/db/migrations-dir.ts';

/** A PostgreSQL schema, the service that owns it, and that service's Prisma Migrate folder. */
export interface ServiceSchema {
  service: string;
  schema: string;
  migrationsDir: string;
}

/**
 * Every schema of the system, as each service's config names it (`schema` of its settled config; a
 * test keeps the two in step), in the order the all-in-one starts them.
 */
export const SERVICE_SCHEMAS: readonly ServiceSchema[] = [
  { service: 'token', schema: 'token', migrationsDir: TOKEN_MIGRATIONS_DIR },
  { service: 'auth-endpoint', schema: 'auth_endpoint', migrationsDir: AUTH_ENDPOINT_MIGRATIONS_DIR },
  { service: 'consent-dispatcher', schema: 'consent', migrationsDir: CONSENT_MIGRATIONS_DIR },
  { service: 'notifier', schema: 'notifier', migrationsDir: NOTIFIER_MIGRATIONS_DIR },
  { service: 'audit', schema: 'audit', migrationsDir: AUDIT_MIGRATIONS_DIR },
];
