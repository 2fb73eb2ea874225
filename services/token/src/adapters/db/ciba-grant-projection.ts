import type { AuthRequestView } from '@ciba/contracts';
import type { PgPool } from '@ciba/service-kit';

/** What one consent event did to its grant. */
export type DecisionOutcome =
  /** The grant is not projected yet (the decision overtook `created`); nothing was recorded. */
  | { kind: 'unknown_request' }
  /** The event was handled before (a replay); nothing changed. */
  | { kind: 'replayed' }
  /** The event is recorded; `applied` says whether the grant moved (false: not pending, or not this client's or user's). */
  | { kind: 'recorded'; applied: boolean; status: string; matches: boolean };

/**
 * The CIBA grant projection's event writes, each one statement through the pool: the event is
 * recorded in `processed_events` in the same statement as its effect, so a replay changes nothing.
 */
export function cibaGrantProjection(pool: PgPool) {
  return {
    /** `created`: the request becomes a pending grant; true when this call inserted it. */
    async insertCreated(group: string, eventId: string, request: AuthRequestView): Promise<boolean> {
      const { rowCount } = await pool.query({
        name: 'token.project-created',
        text: `WITH fresh AS (
           INSERT INTO "processed_events" ("group", "event_id") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1
         )
         INSERT INTO "ciba_grants" ("auth_req_id_hash", "request_id", "client_id", "sub", "scope", "acr_values",
                                    "delivery_mode", "interval", "expires_at", "requested_at")
         SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 WHERE EXISTS (SELECT 1 FROM fresh)
         ON CONFLICT DO NOTHING`,
        values: [
          group,
          eventId,
          request.auth_req_id_hash,
          request.request_id,
          request.client_id,
          request.sub,
          request.scope,
          request.acr_values ?? null,
          request.delivery_mode,
          request.interval,
          new Date(request.expires_at),
          new Date(request.requested_at),
        ],
      });
      return rowCount === 1;
    },

    /**
     * A consent decision (or expiry): pending → `status` when the grant is this client's and user's
     * (`expected` null: any), recorded with the event; nothing at all when the grant is unknown.
     */
    async applyDecision(
      group: string,
      eventId: string,
      requestId: string,
      status: 'approved' | 'denied' | 'expired',
      decidedAt: Date | null,
      expected: { clientId: string; sub: string } | null,
    ): Promise<DecisionOutcome> {
      const { rows } = await pool.query<{ known: boolean; fresh: boolean; status: string | null; matches: boolean | null; applied: boolean }>({
        name: 'token.apply-decision',
        text: `WITH target AS (
           SELECT "status"::text AS status, ($5::text IS NULL OR ("client_id" = $5 AND "sub" = $6)) AS matches
             FROM "ciba_grants" WHERE "request_id" = $3::uuid
         ), fresh AS (
           INSERT INTO "processed_events" ("group", "event_id")
           SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM target)
           ON CONFLICT DO NOTHING RETURNING 1
         ), moved AS (
           UPDATE "ciba_grants"
              SET "status" = $4::"ciba_grant_status", "decided_at" = COALESCE($7::timestamptz, "decided_at")
            WHERE "request_id" = $3::uuid AND "status" = 'pending'
              AND EXISTS (SELECT 1 FROM fresh) AND (SELECT matches FROM target)
           RETURNING 1
         )
         SELECT EXISTS (SELECT 1 FROM target) AS known, EXISTS (SELECT 1 FROM fresh) AS fresh,
                (SELECT status FROM target) AS status, (SELECT matches FROM target) AS matches,
                EXISTS (SELECT 1 FROM moved) AS applied`,
        values: [group, eventId, requestId, status, expected?.clientId ?? null, expected?.sub ?? null, decidedAt],
      });
      const row = rows[0]!;
      if (!row.known) return { kind: 'unknown_request' };
      if (!row.fresh) return { kind: 'replayed' };
      return { kind: 'recorded', applied: row.applied, status: row.status ?? 'unknown', matches: row.matches === true };
    },
  };
}
