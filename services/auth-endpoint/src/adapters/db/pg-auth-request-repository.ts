import type { PgPool } from '@ciba/service-kit';
import type { AuthRequestRepository } from '../../domain/auth-request-repository.ts';
import { fromAuthRequestRow, type AuthRequestRow } from './auth-request-row.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = `"request_id", "auth_req_id_hash", "client_id", "sub", "scope", "acr_values", "binding_message", "delivery_mode",
  "interval", "requested_expiry", "expires_at", "requested_at", "client_notification_token", "auth_req_id"`;

/** The request and its `created` outbox row: one statement, so both are committed or neither. */
const CREATE = `WITH "request" AS (
    INSERT INTO "auth_requests" (${COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
    RETURNING 1
  )
  INSERT INTO "outbox_events" ("id", "topic", "key", "envelope")
  SELECT $15::uuid, $16::text, $17::text, $18::jsonb FROM "request"`;
const BY_HASH = `SELECT ${COLUMNS} FROM "auth_requests" WHERE "auth_req_id_hash" = $1`;
const BY_ID = `SELECT ${COLUMNS} FROM "auth_requests" WHERE "request_id" = $1`;

/**
 * Accepted requests in `auth_requests`, each operation one statement through the service's pool (a
 * named prepared statement: parsed and planned once per connection). The `created` event goes to
 * `outbox_events` in the same statement as the request.
 */
export function pgAuthRequestRepository(pool: PgPool): AuthRequestRepository {
  const findOne = async (name: string, text: string, value: string) => {
    const { rows } = await pool.query<AuthRequestRow>({ name, text, values: [value] });
    return rows[0] ? fromAuthRequestRow(rows[0]) : null;
  };
  return {
    async create(request, event) {
      await pool.query({
        name: 'auth-endpoint.create-request',
        text: CREATE,
        values: [
          request.requestId,
          request.authReqIdHash,
          request.clientId,
          request.sub,
          request.scope,
          request.acrValues ?? null,
          request.bindingMessage ?? null,
          request.deliveryMode,
          request.interval,
          request.requestedExpiry ?? null,
          request.expiresAt,
          request.requestedAt,
          request.clientNotificationToken ?? null,
          request.deliveryMode === 'poll' ? null : (request.authReqId ?? null),
          event.id,
          event.topic,
          event.key,
          JSON.stringify(event.envelope),
        ],
      });
    },
    findByAuthReqIdHash: (authReqIdHash) => findOne('auth-endpoint.request-by-hash', BY_HASH, authReqIdHash),
    async findByRequestId(requestId) {
      return UUID.test(requestId) ? findOne('auth-endpoint.request-by-id', BY_ID, requestId) : null;
    },
  };
}
