import { baseEnv } from '@ciba/service-kit';

/**
 * Environment of the migration command: the services' own `DATABASE_URL` (every service keeps its
 * schema in that one database) and the log level. Nothing else is needed or read.
 */
export const migrateEnv = baseEnv.pick({ DATABASE_URL: true, LOG_LEVEL: true });
