import type { ReadinessCheck } from '../http/health-routes.ts';
import type { PgPool } from './pg-pool.ts';

/** `/readyz` check of a service's PostgreSQL: `SELECT 1` through its own pool. */
export function pgReadiness(pool: PgPool): ReadinessCheck {
  return async () => {
    await pool.query('SELECT 1');
  };
}
