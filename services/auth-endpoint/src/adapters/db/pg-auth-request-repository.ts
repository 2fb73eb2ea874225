import { outboxWritten, traceContextColumn, type OutboxRecord } from '@ciba/event-bus';
import { batchedLookup, coalescingBatcher, schemaOfPool, type PgPool } from '@ciba/service-kit';
import type { AuthRequest } from '../../domain/auth-request.ts';
import type { AuthRequestRepository } from '../../domain/auth-request-repository.ts';
import { fromAuthRequestRow, type AuthRequestRow } from './auth-request-row.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = `"request_id", "auth_req_id_hash", "client_id", "sub", "scope", "acr_values", "binding_message", "delivery_mode",
  "interval", "requested_expiry", "expires_at", "requested_at", "client_notification_token", "auth_req_id"`;

/**
 * A batch of requests and their `created` outbox rows: one statement, so the batch is committed or
 * none of it. Each outbox row is inserted for a request row the same statement inserted, in the
 * order the requests came (the outbox's `seq` follows it).
 */
const CREATE = `WITH "input" AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::int[], $10::int[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::text[],
                         $15::uuid[], $16::text[], $17::text[], $18::jsonb[], $19::jsonb[])
      WITH ORDINALITY AS t(${COLUMNS}, "event_id", "topic", "key", "envelope", "trace_context", "ord")
  ), "request" AS (
    INSERT INTO "auth_requests" (${COLUMNS})
    SELECT ${COLUMNS} FROM "input" ORDER BY "ord"
    RETURNING "request_id"
  )
  INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
  SELECT "input"."event_id", "input"."topic", "input"."key", "input"."envelope", "input"."trace_context"
    FROM "input" JOIN "request" USING ("request_id") ORDER BY "input"."ord"`;
const BY_HASHES = `SELECT ${COLUMNS} FROM "auth_requests" WHERE "auth_req_id_hash" = ANY($1::text[])`;
const BY_IDS = `SELECT ${COLUMNS} FROM "auth_requests" WHERE "request_id" = ANY($1::uuid[])`;

interface Created {
  request: AuthRequest;
  event: OutboxRecord;
}

/** The statement's parameters: one array per column, an element per request. */
function createValues(items: Created[]): unknown[][] {
  const column = (pick: (item: Created) => unknown) => items.map(pick);
  return [
    column(({ request }) => request.requestId),
    column(({ request }) => request.authReqIdHash),
    column(({ request }) => request.clientId),
    column(({ request }) => request.sub),
    column(({ request }) => request.scope),
    column(({ request }) => request.acrValues ?? null),
    column(({ request }) => request.bindingMessage ?? null),
    column(({ request }) => request.deliveryMode),
    column(({ request }) => request.interval),
    column(({ request }) => request.requestedExpiry ?? null),
    column(({ request }) => request.expiresAt),
    column(({ request }) => request.requestedAt),
    column(({ request }) => request.clientNotificationToken ?? null),
    column(({ request }) => (request.deliveryMode === 'poll' ? null : (request.authReqId ?? null))),
    column(({ event }) => event.id),
    column(({ event }) => event.topic),
    column(({ event }) => event.key),
    column(({ event }) => JSON.stringify(event.envelope)),
    column(({ event }) => traceContextColumn(event)),
  ];
}

/**
 * Accepted requests in `auth_requests`, each operation one statement through the service's pool (a
 * named prepared statement: parsed and planned once per connection). The `created` event goes to
 * `outbox_events` in the same statement as the request. Concurrent creates share that statement
 * (group commit: one round trip and one commit per batch); a batch that fails runs again request by
 * request, so a request that breaks a constraint fails alone. Once committed, the batch wakes this
 * process's outbox relay (`outboxWritten`). Look-ups made together (the notifier
 * asks for each decision's request) share one `= ANY($1)` statement the same way (`batchedLookup`).
 */
export function pgAuthRequestRepository(pool: PgPool): AuthRequestRepository {
  const byHash = batchedLookup<AuthRequestRow>(pool, { name: 'auth-endpoint.requests-by-hashes', text: BY_HASHES, keyOf: (row) => row.auth_req_id_hash });
  // PostgreSQL answers a uuid in lower case; a caller's id is matched whatever its case, as `=` would.
  const byId = batchedLookup<AuthRequestRow>(pool, { name: 'auth-endpoint.requests-by-ids', text: BY_IDS, keyOf: (row) => row.request_id });
  const found = (row: AuthRequestRow | null) => (row ? fromAuthRequestRow(row) : null);
  const create = coalescingBatcher<Created, void>({
    async run(items) {
      await pool.query({ name: 'auth-endpoint.create-requests', text: CREATE, values: createValues(items) });
      outboxWritten(schemaOfPool(pool));
      return items.map(() => undefined);
    },
  });
  return {
    create: (request, event) => create({ request, event }),
    findByAuthReqIdHash: async (authReqIdHash) => found(await byHash(authReqIdHash)),
    async findByRequestId(requestId) {
      return UUID.test(requestId) ? found(await byId(requestId.toLowerCase())) : null;
    },
  };
}
