import type { AuthRequestView } from '@ciba/contracts';
import { coalescingBatcher, inKeyOrder, perPool, traceCarrier, type PgPool } from '@ciba/service-kit';

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
  /** The consumer span's context (the auth request's trace), kept for the polls and the redemption to join. */
  traceContext?: Record<string, string>;
}

/**
 * `created` events projected together: one statement per batch records each event in
 * `processed_events` and inserts the grant of each event seen for the first time (a replay, or a grant
 * a poll or decision projected first, inserts nothing). Answers, per item, whether it inserted the grant.
 */
const PROJECT_CREATED = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::text[], $10::int[], $11::timestamptz[], $12::timestamptz[], $13::jsonb[])
      AS t("group", "event_id", "auth_req_id_hash", "request_id", "client_id", "sub", "scope", "acr_values",
           "delivery_mode", "interval", "expires_at", "requested_at", "trace_context")
  ), fresh AS (
    INSERT INTO "processed_events" ("group", "event_id") SELECT "group", "event_id" FROM input
    ON CONFLICT DO NOTHING RETURNING "group", "event_id"
  ), inserted AS (
    INSERT INTO "ciba_grants" ("auth_req_id_hash", "request_id", "client_id", "sub", "scope", "acr_values",
                               "delivery_mode", "interval", "expires_at", "requested_at", "trace_context")
    SELECT DISTINCT ON (input."request_id") input."auth_req_id_hash", input."request_id", input."client_id", input."sub",
           input."scope", input."acr_values", input."delivery_mode", input."interval", input."expires_at", input."requested_at",
           input."trace_context"
      FROM input JOIN fresh USING ("group", "event_id")
    ON CONFLICT DO NOTHING RETURNING "request_id"
  )
  SELECT "request_id"::text AS request_id FROM inserted`;

/** The pool's one batcher of `created` projections, so concurrent handlers share batches. */
const createdInserter = perPool((pool) =>
  coalescingBatcher<CreatedItem, boolean>({
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
          column((i) => (i.traceContext ? JSON.stringify(i.traceContext) : null)),
        ],
      });
      const inserted = new Set(rows.map((r) => r.request_id.toLowerCase()));
      // The first item of an inserted request gets the news; a copy of its event in the same batch does not.
      return items.map((i) => inserted.delete(i.request.request_id.toLowerCase()));
    },
  }),
);

interface DecisionItem {
  group: string;
  eventId: string;
  requestId: string;
  status: 'approved' | 'denied' | 'expired';
  decidedAt: Date | null;
  expected: { clientId: string; sub: string } | null;
}

interface DecisionRow {
  ord: string;
  known: boolean;
  fresh: boolean;
  status: string | null;
  matches: boolean | null;
  applied: boolean;
}

/**
 * Consent decisions applied together, each as the one-item statement would: its grant is read as it was
 * before the statement; the event is recorded when the grant is known; the grant moves when the event is
 * new, the grant pending and the client and user match (`client_id` null: any). The request ids of one
 * statement are distinct (see `decisionApplier`), so no two inputs meet on a grant.
 */
const APPLY_DECISIONS = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::"ciba_grant_status"[], $5::timestamptz[], $6::text[], $7::text[])
      WITH ORDINALITY AS i("group", "event_id", "request_id", "status", "decided_at", "client_id", "sub", "ord")
  ), target AS (
    SELECT i."ord", g."status"::text AS status, (i."client_id" IS NULL OR (g."client_id" = i."client_id" AND g."sub" = i."sub")) AS matches
      FROM input i JOIN "ciba_grants" g ON g."request_id" = i."request_id"
  ), fresh AS (
    INSERT INTO "processed_events" ("group", "event_id")
    SELECT i."group", i."event_id" FROM input i JOIN target t ON t."ord" = i."ord" ORDER BY i."ord"
    ON CONFLICT DO NOTHING RETURNING "group", "event_id"
  ), moved AS (
    UPDATE "ciba_grants" g SET "status" = i."status", "decided_at" = COALESCE(i."decided_at", g."decided_at")
      FROM input i JOIN target t ON t."ord" = i."ord" JOIN fresh f ON f."group" = i."group" AND f."event_id" = i."event_id"
     WHERE g."request_id" = i."request_id" AND g."status" = 'pending' AND t."matches"
    RETURNING i."ord"
  )
  SELECT i."ord"::text AS ord, t."ord" IS NOT NULL AS known, f."event_id" IS NOT NULL AS fresh, t."status", t."matches",
         m."ord" IS NOT NULL AS applied
    FROM input i LEFT JOIN target t ON t."ord" = i."ord"
    LEFT JOIN fresh f ON f."group" = i."group" AND f."event_id" = i."event_id"
    LEFT JOIN moved m ON m."ord" = i."ord"`;

function outcomeOf(row: DecisionRow): DecisionOutcome {
  if (!row.known) return { kind: 'unknown_request' };
  if (!row.fresh) return { kind: 'replayed' };
  return { kind: 'recorded', applied: row.applied, status: row.status ?? 'unknown', matches: row.matches === true };
}

/**
 * The pool's one batcher of decisions. A batch goes in rounds: each round one statement over the first
 * item of every request not yet done (in request-id order, so two batches lock grants in one order and
 * cannot deadlock); a second decision for the same request (a replay, a decision racing the expiry)
 * waits for the next round, so it sees what the first did, as it would one after the other.
 */
const decisionApplier = perPool((pool) =>
  coalescingBatcher<DecisionItem, DecisionOutcome>({
    async run(items) {
      const outcomes: DecisionOutcome[] = new Array(items.length);
      let waiting = items.map((_, index) => index);
      while (waiting.length > 0) {
        const seen = new Set<string>();
        const round: number[] = [];
        const later: number[] = [];
        for (const index of waiting) {
          const request = items[index]!.requestId.toLowerCase();
          (seen.has(request) ? later : round).push(index);
          seen.add(request);
        }
        const { sorted, order } = inKeyOrder(round, (index) => items[index]!.requestId.toLowerCase());
        const column = <T>(pick: (item: DecisionItem) => T) => sorted.map((index) => pick(items[index]!));
        const { rows } = await pool.query<DecisionRow>({
          name: 'token.apply-decisions',
          text: APPLY_DECISIONS,
          values: [
            column((i) => i.group),
            column((i) => i.eventId),
            column((i) => i.requestId),
            column((i) => i.status),
            column((i) => i.decidedAt),
            column((i) => i.expected?.clientId ?? null),
            column((i) => i.expected?.sub ?? null),
          ],
        });
        for (const row of rows) outcomes[round[order[Number(row.ord) - 1]!]!] = outcomeOf(row);
        waiting = later;
      }
      return outcomes;
    },
  }),
);

/**
 * The CIBA grant projection's event writes, each one statement through the pool: the event is
 * recorded in `processed_events` in the same statement as its effect, so a replay changes nothing.
 * Both kinds are batched across concurrent handlers (group commit).
 */
export function cibaGrantProjection(pool: PgPool) {
  const insertCreated = createdInserter(pool);
  const applyDecision = decisionApplier(pool);
  return {
    /** `created`: the request becomes a pending grant; true when this call inserted it. */
    insertCreated: (group: string, eventId: string, request: AuthRequestView): Promise<boolean> => {
      const traceContext = traceCarrier();
      return insertCreated({ group, eventId, request, ...(traceContext ? { traceContext } : {}) });
    },

    /**
     * A consent decision (or expiry): pending → `status` when the grant is this client's and user's
     * (`expected` null: any), recorded with the event; nothing at all when the grant is unknown.
     * Batched across concurrent handlers like `created` events.
     */
    applyDecision: (
      group: string,
      eventId: string,
      requestId: string,
      status: 'approved' | 'denied' | 'expired',
      decidedAt: Date | null,
      expected: { clientId: string; sub: string } | null,
    ): Promise<DecisionOutcome> => applyDecision({ group, eventId, requestId, status, decidedAt, expected }),
  };
}
