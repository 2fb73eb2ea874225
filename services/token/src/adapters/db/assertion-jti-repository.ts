import type { PgPool } from '@ciba/service-kit';
import type { AssertionJtiRepository } from '../../client-auth/assertion-jti-repository.ts';

const RECORD_ONCE = `INSERT INTO "client_assertion_jtis" ("client_id", "jti", "expires_at") VALUES ($1, $2, $3)
  ON CONFLICT ("client_id", "jti") DO UPDATE SET "expires_at" = EXCLUDED."expires_at"
    WHERE "client_assertion_jtis"."expires_at" < now()
  RETURNING "jti"`;

/**
 * `client_assertion_jtis`, through the pool: one atomic statement records a jti, replacing only a row
 * whose assertion has already expired; no row back means the jti is in use (a replay).
 */
export function assertionJtiRepository(pool: PgPool): AssertionJtiRepository {
  return {
    async recordOnce(clientId, jti, expiresAt) {
      const { rowCount } = await pool.query({ name: 'token.record-assertion-jti', text: RECORD_ONCE, values: [clientId, jti, expiresAt] });
      return rowCount === 1;
    },

    async pruneExpired(before) {
      const { rowCount } = await pool.query('DELETE FROM "client_assertion_jtis" WHERE "expires_at" < $1', [before]);
      return rowCount ?? 0;
    },
  };
}
