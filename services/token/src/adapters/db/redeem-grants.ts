import { traceContextColumn, type OutboxRecord } from '@ciba/event-bus';
import type { PgPool } from '@ciba/service-kit';
import type { RefreshTokenRecord } from '../../domain/grants/refresh-token-record.ts';

/** The refresh token stored with a redemption (its hash only), as a new, unused one. */
export type RedeemedRefreshToken = Omit<RefreshTokenRecord, 'usedAt' | 'revokedAt' | 'createdAt'> & { requestId: string };

/**
 * approved → redeemed in one statement: the conditional UPDATE, the outbox row announcing it and the
 * refresh token are written together or not at all (one commit, one round trip; PostgreSQL runs every
 * data-modifying CTE, read or not). False when the grant was not approved any more (a racing poll
 * won): the other two insert nothing either.
 */
export async function redeemGrantStatement(pool: PgPool, authReqIdHash: string, now: Date, event: OutboxRecord, refresh: RedeemedRefreshToken | null): Promise<boolean> {
  const { rows } = await pool.query<{ redeemed: boolean }>({
    name: 'token.redeem-grant',
    text: `WITH redeemed AS (
       UPDATE "ciba_grants" SET "status" = 'redeemed', "redeemed_at" = $2
        WHERE "auth_req_id_hash" = $1 AND "status" = 'approved'
       RETURNING 1
     ), announced AS (
       INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
       SELECT $3::uuid, $4, $5, $6::jsonb, $17::jsonb WHERE EXISTS (SELECT 1 FROM redeemed)
       RETURNING 1
     ), refresh AS (
       INSERT INTO "refresh_tokens" ("token_hash", "family_id", "client_id", "sub", "scope", "acr", "auth_time", "request_id", "expires_at", "dpop_jkt")
       SELECT $7, $8::uuid, $9, $10, $11, $12, $13, $14::uuid, $15, $16
        WHERE $7::text IS NOT NULL AND EXISTS (SELECT 1 FROM redeemed)
       RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM redeemed) AS redeemed`,
    values: [
      authReqIdHash,
      now,
      event.id,
      event.topic,
      event.key,
      JSON.stringify(event.envelope),
      refresh?.tokenHash ?? null,
      refresh?.familyId ?? null,
      refresh?.clientId ?? null,
      refresh?.sub ?? null,
      refresh?.scope ?? null,
      refresh?.acr ?? null,
      refresh?.authTime ?? null,
      refresh?.requestId ?? null,
      refresh?.expiresAt ?? null,
      refresh?.dpopJkt ?? null,
      traceContextColumn(event),
    ],
  });
  return rows[0]?.redeemed === true;
}
