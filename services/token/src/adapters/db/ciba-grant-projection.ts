import type { AuthRequestView } from '@ciba/contracts';
import { coalescingBatcher, type PgPool } from '@ciba/service-kit';

/** What one consent event did to its grant. */
export type DecisionOutcome =
  /** The grant is not projected yet (the decision overtook `created`); nothing was recorded. */
  | { kind: 'unknown_request' }
  /** The event was handled before (a replay); nothing changed. */
  | { kind: 'replayed' }
  /** The event is recorded; `applied` says whether the grant moved (false: not pending, or not this client's or user's). */
  | { kind: 'recorded'; applied: boolean; status: string; matches: boolean };

interface CreatedItem {
  group: string;
  eventId: string;
  request: AuthRequestView;
}

/**
 * `created` events projected together: one statement per batch records each event in
 * `processed_events` and inserts the grant of each event seen for the first time (a replay, or a grant
 * a poll or decision projected first, inserts nothing). Answers, per item, whether it inserted the grant.
 */
const PROJECT_CREATED = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::text[], $10::int[], $11::timestamptz[], $12::timestamptz[])
      AS t("group", "event_id", "auth_req_id_hash", "request_id", "client_id", "sub", "scope", "acr_values",
           "delivery_mode", "interval", "expires_at", "requested_at")
  ), fresh AS (
    INSERT INTO "processed_events" ("group", "event_id") SELECT "group", "event_id" FROM input
    ON CONFLICT DO NOTHING RETURNING "group", "event_id"
  ), inserted AS (
    INSERT INTO "ciba_grants" ("auth_req_id_hash", "request_id", "client_id", "sub", "scope", "acr_values",
                               "delivery_mode", "interval", "expires_at", "requested_at")
    SELECT DISTINCT ON (input."request_id") input."auth_req_id_hash", input."request_id", input."client_id", input."sub",
           input."scope", input."acr_values", input."delivery_mode", input."interval", input."expires_at", input."requested_at"
      FROM input JOIN fresh USING ("group", "event_id")
    ON CONFLICT DO NOTHING RETURNING "request_id"
  )
  SELECT "request_id"::text AS request_id FROM inserted`;

const insertersByPool = new WeakMap<PgPool, (item: CreatedItem) => Promise<boolean>>();

/** The pool's one batcher of `created` projections, so concurrent handlers share batches. */
function createdInserter(pool: PgPool): (item: CreatedItem) => Promise<boolean> {
  let insert = insertersByPool.get(pool);
  if (!insert) {
    insert = coalescingBatcher<CreatedItem, boolean>({
      async run(items) {
        const column = <T>(pick: (item: CreatedItem) => T) => items.map(pick);
        const { rows } = await pool.query<{ request_id: string }>({
          name: 'token.project-created-batch',
          text: PROJECT_CREATED,
          values: [
            column((i) => i.group),
            column((i) => i.eventId),
            column((i) => i.request.auth_req_id_hash),
            column((i) => i.request.request_id),
            column((i) => i.request.client_id),
            column((i) => i.request.sub),
            column((i) => i.request.scope),
            column((i) => i.request.acr_values ?? null),
            column((i) => i.request.delivery_mode),
            column((i) => i.request.interval),
            column((i) => new Date(i.request.expires_at)),
            column((i) => new Date(i.request.requested_at)),
          ],
        });
        const inserted = new Set(rows.map((r) => r.request_id.toLowerCase()));
        // The first item of an inserted request gets the news; a copy of its event in the same batch does not.
        return items.map((i) => inserted.delete(i.request.request_id.toLowerCase()));
      },
    });
    insertersByPool.set(pool, insert);
  }
  return insert;
}

/**
 * The CIBA grant projection's event writes, each one statement through the pool: the event is
 * recorded in `processed_events` in the same statement as its effect, so a replay changes nothing.
 * `created` events are batched across concurrent handlers (group commit); decisions go one by one.
 */
export function cibaGrantProjection(pool: PgPool) {
  const insertCreated = createdInserter(pool);
  return {
    /** `created`: the request becomes a pending grant; true when this call inserted it. */
    insertCreated: (group: string, eventId: string, request: AuthRequestView): Promise<boolean> => insertCreated({ group, eventId, request }),

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
