import type { PgPool } from '@ciba/service-kit';
import type { RequestObjectJtis } from '../../domain/request-object-jtis.ts';

/**
 * Sweeps the client's other expired rows and records the jti, in one statement: a row for the same jti
 * is replaced only once it has expired; no row back means the jti is still in use (a replay).
 */
const REMEMBER = `WITH "swept" AS (
    DELETE FROM "request_object_jtis" WHERE "client_id" = $1 AND "expires_at" < $4 AND "jti" <> $2
  )
  INSERT INTO "request_object_jtis" ("client_id", "jti", "expires_at") VALUES ($1, $2, $3)
  ON CONFLICT ("client_id", "jti") DO UPDATE SET "expires_at" = EXCLUDED."expires_at"
    WHERE "request_object_jtis"."expires_at" < $4
  RETURNING 1`;

/** `request_object_jtis`: one row per accepted `jti`, kept until the request object expires. */
export function pgRequestObjectJtis(pool: PgPool, now: () => Date = () => new Date()): RequestObjectJtis {
  return {
    async remember(clientId, jti, expiresAt) {
      const { rowCount } = await pool.query({ name: 'auth-endpoint.remember-jti', text: REMEMBER, values: [clientId, jti, expiresAt, now()] });
      return rowCount === 1;
    },
  };
}
