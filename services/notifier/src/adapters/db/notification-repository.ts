import { outboxWritten, traceContextColumn, type OutboxRecord } from '@ciba/event-bus';
import { schemaOfPool, traceCarrier, type PgPool } from '@ciba/service-kit';
import type { FailureReason } from '../../domain/client-notification.ts';
import type { NotificationStore } from '../../domain/notification-store.ts';
import type { NotifierDb } from './prisma-client.ts';
import { toClientNotification, type ClientNotificationFields } from './to-client-notification.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notification row as `toClientNotification` reads it (the lease owner is not part of it). */
const COLUMNS = `"request_id" AS "requestId", "client_id" AS "clientId", "mode"::text AS "mode", "outcome"::text AS "outcome",
  "status"::text AS "status", "attempts", "last_status" AS "lastStatus", "last_error" AS "lastError",
  "failure_reason" AS "failureReason", "decided_at" AS "decidedAt", "created_at" AS "createdAt", "updated_at" AS "updatedAt",
  "delivered_at" AS "deliveredAt", "lease_until" AS "leaseUntil", "trace_context" AS "traceContext"`;

/**
 * The event recorded and the notification inserted (leased to `$9` until `$10` when given) unless the
 * request has one, in one statement; the row inserted (`leased` when under a lease), or the one already
 * there as the statement's snapshot saw it (a racing insert committed after that snapshot is read again
 * by `recordDecision`).
 */
const RECORD_DECISION = `WITH "event" AS (
    INSERT INTO "processed_events" ("group", "event_id") VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING
  ), "inserted" AS (
    INSERT INTO "client_notifications" ("request_id", "client_id", "mode", "outcome", "decided_at", "updated_at", "trace_context", "lease_owner", "lease_until")
    VALUES ($3::uuid, $4, $5::"notification_mode", $6::"notification_outcome", $7::timestamptz, CURRENT_TIMESTAMP, $8::jsonb, $9::uuid, $10::timestamptz)
    ON CONFLICT ("request_id") DO NOTHING
    RETURNING ${COLUMNS}, "lease_owner" IS NOT NULL AS "leased"
  )
  SELECT * FROM "inserted"
  UNION ALL
  SELECT ${COLUMNS}, false AS "leased" FROM "client_notifications" WHERE "request_id" = $3::uuid AND NOT EXISTS (SELECT 1 FROM "inserted")`;
const BY_ID = `SELECT ${COLUMNS} FROM "client_notifications" WHERE "request_id" = $1::uuid`;
const CLAIM = `UPDATE "client_notifications" SET "lease_owner" = $2::uuid, "lease_until" = $3::timestamptz, "updated_at" = CURRENT_TIMESTAMP
  WHERE "request_id" = $1::uuid AND "status" = 'pending' AND ("lease_until" IS NULL OR "lease_until" < $4::timestamptz)`;
const RELEASE = `UPDATE "client_notifications" SET "lease_owner" = NULL, "lease_until" = NULL, "updated_at" = CURRENT_TIMESTAMP
  WHERE "request_id" = $1::uuid AND "lease_owner" = $2::uuid`;
/** The count goes up and the attempt is appended under that number, in one statement. */
const RECORD_ATTEMPT = `WITH "counted" AS (
    UPDATE "client_notifications"
       SET "attempts" = "attempts" + 1, "last_status" = COALESCE($5::int, "last_status"), "last_error" = $6::text,
           "updated_at" = CURRENT_TIMESTAMP
     WHERE "request_id" = $1::uuid
    RETURNING "attempts"
  ), "appended" AS (
    INSERT INTO "notification_attempts" ("request_id", "attempt", "started_at", "latency_ms", "status_code", "error_code", "outcome")
    SELECT $1::uuid, "attempts", $2::timestamptz, $3::int, $5::int, $6::text, $4::text FROM "counted"
  )
  SELECT "attempts" FROM "counted"`;
/**
 * A delivered attempt: counted, appended, pending → delivered with its outbox row and the lease
 * dropped, in one statement; nothing when the notification is no longer pending.
 */
const DELIVERED = `WITH "moved" AS (
    UPDATE "client_notifications"
       SET "attempts" = "attempts" + 1, "last_status" = COALESCE($5::int, "last_status"), "last_error" = $6::text,
           "status" = 'delivered', "delivered_at" = $7::timestamptz, "lease_owner" = NULL, "lease_until" = NULL,
           "updated_at" = CURRENT_TIMESTAMP
     WHERE "request_id" = $1::uuid AND "status" = 'pending'
    RETURNING "attempts"
  ), "appended" AS (
    INSERT INTO "notification_attempts" ("request_id", "attempt", "started_at", "latency_ms", "status_code", "error_code", "outcome")
    SELECT $1::uuid, "attempts", $2::timestamptz, $3::int, $5::int, $6::text, $4::text FROM "moved"
  ), "told" AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context") SELECT $8::uuid, $9, $10, $11::jsonb, $12::jsonb FROM "moved"
  )
  SELECT count(*)::int AS "moved" FROM "moved"`;
/** pending → `$2` (delivered at `$3`, or failed for `$4`), the lease dropped, and its outbox row only if it moved. */
const SETTLE = `WITH "moved" AS (
    UPDATE "client_notifications"
       SET "status" = $2::"notification_status", "delivered_at" = COALESCE($3::timestamptz, "delivered_at"),
           "failure_reason" = COALESCE($4::text, "failure_reason"), "lease_owner" = NULL, "lease_until" = NULL,
           "updated_at" = CURRENT_TIMESTAMP
     WHERE "request_id" = $1::uuid AND "status" = 'pending'
    RETURNING 1
  ), "told" AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context") SELECT $5::uuid, $6, $7, $8::jsonb, $9::jsonb FROM "moved"
  )
  SELECT count(*)::int AS "moved" FROM "moved"`;

/**
 * `client_notifications`, `notification_attempts`, `processed_events` and `outbox_events`. What every
 * notification pays for (its decision with the first attempt's lease, then a delivered attempt with its
 * outcome; a retry's lease, attempts and outcome) is one named statement each
 * through the service's pool, each its own transaction; the operator's and the reconciler's reads go
 * through Prisma.
 */
export function notificationRepository(db: NotifierDb, pool: PgPool): NotificationStore {
  const find = async (requestId: string) => {
    const { rows } = await pool.query<ClientNotificationFields>({ name: 'notifier.notification-by-id', text: BY_ID, values: [requestId] });
    return rows[0] ? toClientNotification(rows[0]) : null;
  };
  const settle = async (requestId: string, status: 'delivered' | 'failed', at: Date | null, reason: FailureReason | null, event: OutboxRecord) => {
    const { rows } = await pool.query<{ moved: number }>({
      name: 'notifier.settle',
      text: SETTLE,
      values: [requestId, status, at, reason, event.id, event.topic, event.key, JSON.stringify(event.envelope), traceContextColumn(event)],
    });
    if (rows[0]!.moved === 1) outboxWritten(schemaOfPool(pool)); // the outbox row is committed: wake this process's relay
    return rows[0]!.moved === 1;
  };
  return {
    async recordDecision(group, eventId, n, lease) {
      const { rows } = await pool.query<ClientNotificationFields & { leased: boolean }>({
        name: 'notifier.record-decision',
        text: RECORD_DECISION,
        // The consumer span's context (the auth request's trace), for the callback attempts to join.
        values: [group, eventId, n.requestId, n.clientId, n.mode, n.outcome, n.decidedAt, traceContextColumn({ traceContext: traceCarrier() }), lease?.owner ?? null, lease?.until ?? null],
      });
      const row = rows[0] ?? null;
      const stored = row ? toClientNotification(row) : await find(n.requestId);
      if (!stored) throw new Error(`notification of ${n.requestId} was neither inserted nor found`);
      return { notification: stored, leased: row?.leased === true };
    },

    async find(requestId) {
      return UUID.test(requestId) ? find(requestId) : null;
    },

    async attempts(requestId) {
      const rows = await db.notificationAttempt.findMany({ where: { requestId }, orderBy: [{ attempt: 'asc' }, { id: 'asc' }] });
      return rows.map(({ attempt, startedAt, latencyMs, statusCode, errorCode, outcome }) => ({ attempt, startedAt, latencyMs, statusCode, errorCode, outcome }));
    },

    async claim(requestId, runId, until) {
      const { rowCount } = await pool.query({ name: 'notifier.claim', text: CLAIM, values: [requestId, runId, until, new Date()] });
      return rowCount === 1;
    },

    async release(requestId, runId) {
      await pool.query({ name: 'notifier.release', text: RELEASE, values: [requestId, runId] });
    },

    async recordAttempt(a) {
      const { rows } = await pool.query<{ attempts: number }>({
        name: 'notifier.record-attempt',
        text: RECORD_ATTEMPT,
        values: [a.requestId, a.startedAt, a.latencyMs, a.outcome, a.statusCode, a.errorCode],
      });
      if (!rows[0]) throw new Error(`no notification of ${a.requestId} to record an attempt on`);
      return rows[0].attempts;
    },

    async recordDelivery(a, at, event) {
      const { rows } = await pool.query<{ moved: number }>({
        name: 'notifier.record-delivery',
        text: DELIVERED,
        values: [a.requestId, a.startedAt, a.latencyMs, a.outcome, a.statusCode, a.errorCode, at, event.id, event.topic, event.key, JSON.stringify(event.envelope), traceContextColumn(event)],
      });
      return rows[0]!.moved === 1;
    },

    markDelivered: (requestId, at, event) => settle(requestId, 'delivered', at, null, event),

    markFailed: (requestId, reason, event) => settle(requestId, 'failed', null, reason, event),

    async listPending(limit, after, now = new Date()) {
      const rows = await db.clientNotification.findMany({
        where: { status: 'pending', OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }], ...(after ? { requestId: { gt: after } } : {}) },
        orderBy: { requestId: 'asc' },
        take: limit,
        select: { requestId: true },
      });
      return rows.map((r) => r.requestId);
    },
  };
}
