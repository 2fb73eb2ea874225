import type { OutboxRecord } from '@ciba/event-bus';
import type { PgPool } from '@ciba/service-kit';
import type { ExpiringPrompt, PromptStore } from '../../domain/prompt-store.ts';
import { Prisma, type ConsentDb } from './prisma-client.ts';
import { PROMPT_COLUMNS } from './prompt-columns.ts';
import { toConsentPrompt, type ConsentPromptRow } from './to-consent-prompt.ts';

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

interface ExpiredRow {
  prompt_id: string;
  request_id: string;
  client_id: string;
  sub: string;
  expires_at: Date;
}

const outboxRow = (record: OutboxRecord) => ({
  id: record.id,
  topic: record.topic,
  key: record.key,
  envelope: record.envelope as Prisma.InputJsonValue,
});

/** `outbox_events` values of a record: `$n` id, topic, key, envelope (JSON text). */
const outboxValues = (record: OutboxRecord) => [record.id, record.topic, record.key, JSON.stringify(record.envelope)];

/**
 * `processed_events` + `consent_prompts` (+ the expired event when the request arrived expired) in one
 * statement, returning the request's prompt and whether this statement stored it. The outbox insert
 * is only part of the statement when there is an event (no empty insert, nor statement trigger, on
 * the common path).
 */
const recordCreatedSql = (withEvent: boolean) => `
  WITH seen AS (
    INSERT INTO "processed_events" ("group", "event_id") VALUES ($1, $2) ON CONFLICT DO NOTHING
  ), fresh AS (
    INSERT INTO "consent_prompts" ("prompt_id", "request_id", "client_id", "sub", "scope", "binding_message", "acr_values",
                                   "expires_at", "status", "delivery_status", "decision_token_hash")
    VALUES ($3, $4, $5, $6, $7, $8, $9, $10, $11::"consent_prompt_status", $12::"prompt_delivery_status", $13)
    ON CONFLICT DO NOTHING
    RETURNING ${PROMPT_COLUMNS}
  )${
    withEvent
      ? `, expired AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope") SELECT $14, $15, $16, $17::jsonb FROM fresh
  )`
      : ''
  }
  SELECT true AS created, * FROM fresh
  UNION ALL
  SELECT false, ${PROMPT_COLUMNS} FROM "consent_prompts" WHERE "request_id" = $4 AND NOT EXISTS (SELECT 1 FROM fresh)`;

const RECORD_CREATED = { name: 'consent.record-created', text: recordCreatedSql(false) };
const RECORD_CREATED_EXPIRED = { name: 'consent.record-created-expired', text: recordCreatedSql(true) };

const FIND_PROMPT = `SELECT ${PROMPT_COLUMNS} FROM "consent_prompts" WHERE "prompt_id" = $1`;

const ROTATE_TOKEN = `UPDATE "consent_prompts" SET "decision_token_hash" = $2 WHERE "prompt_id" = $1 AND "status" = 'pending'`;

const INSERT_ATTEMPT = `INSERT INTO "prompt_deliveries" ("prompt_id", "job_attempt", "channel_index", "channel_type", "outcome", "status_code", "latency_ms")
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

/** The accepted offer's attempt row, `queued` → `delivered`, and the delivered event (only if it moved). */
const MARK_DELIVERED = `
  WITH attempt AS (${INSERT_ATTEMPT}), moved AS (
    UPDATE "consent_prompts" SET "delivery_status" = 'delivered', "delivered_at" = $8
     WHERE "prompt_id" = $1 AND "delivery_status" = 'queued' RETURNING 1
  )
  INSERT INTO "outbox_events" ("id", "topic", "key", "envelope") SELECT $9, $10, $11, $12::jsonb FROM moved`;

/** `pending` → approved/denied while the request has not expired, with the decision event (only if it moved). */
const DECIDE = `
  WITH moved AS (
    UPDATE "consent_prompts" SET "status" = $2::"consent_prompt_status", "decided_at" = $3
     WHERE "prompt_id" = $1 AND "status" = 'pending' AND "expires_at" > $3 RETURNING 1
  )
  INSERT INTO "outbox_events" ("id", "topic", "key", "envelope") SELECT $4, $5, $6, $7::jsonb FROM moved`;

/**
 * `consent_prompts`, `prompt_deliveries`, `processed_events` and `outbox_events`. Every transition is a
 * conditional UPDATE on the current state, so concurrent writers cannot both win, and its outbox row
 * commits with it or not at all: one statement each (CTEs) through the service's pool, one round trip;
 * the ones every prompt pays for are named (prepared once per connection).
 * The decision, the periodic sweep and the reconciler's listing go through Prisma; `schema` qualifies
 * the sweep.
 */
export function promptRepository(db: ConsentDb, pool: PgPool, schema: string): PromptStore {
  const prompts = Prisma.raw(`${quote(schema)}."consent_prompts"`);
  return {
    async recordCreated(group, eventId, prompt, expiredEvent) {
      const expired = prompt.deliveryStatus === 'expired';
      if (expired && !expiredEvent) throw new TypeError('an expired prompt is stored with its expired event');
      const event = expired && expiredEvent ? expiredEvent : undefined;
      const values = [
        group,
        eventId,
        prompt.promptId,
        prompt.requestId,
        prompt.clientId,
        prompt.sub,
        prompt.scope,
        prompt.bindingMessage ?? null,
        prompt.acrValues ?? null,
        prompt.expiresAt,
        expired ? 'expired' : 'pending',
        prompt.deliveryStatus,
        expired ? null : (prompt.decisionTokenHash ?? null),
        ...(event ? outboxValues(event) : []),
      ];
      // A concurrent insert of the same request that commits after this statement's snapshot leaves
      // it with nothing to return; the next try sees that row.
      for (let tries = 0; tries < 3; tries += 1) {
        const { rows } = await pool.query<ConsentPromptRow & { created: boolean }>({ ...(event ? RECORD_CREATED_EXPIRED : RECORD_CREATED), values });
        const row = rows[0];
        if (row) return { prompt: toConsentPrompt(row), created: row.created };
      }
      throw new Error('consent prompt neither stored nor found');
    },

    async findById(promptId) {
      const { rows } = await pool.query<ConsentPromptRow>({ name: 'consent.find-prompt', text: FIND_PROMPT, values: [promptId] });
      return rows[0] ? toConsentPrompt(rows[0]) : null;
    },

    async rotateTokenHash(promptId, hash) {
      const { rowCount } = await pool.query({ name: 'consent.rotate-token', text: ROTATE_TOKEN, values: [promptId, hash] });
      return rowCount === 1;
    },

    async recordAttempt(a) {
      await pool.query({ name: 'consent.record-attempt', text: INSERT_ATTEMPT, values: [a.promptId, a.jobAttempt, a.channelIndex, a.channelType, a.outcome, a.statusCode ?? null, a.latencyMs] });
    },

    async markDelivered(a, at, event) {
      const { rowCount } = await pool.query({
        name: 'consent.mark-delivered',
        text: MARK_DELIVERED,
        values: [a.promptId, a.jobAttempt, a.channelIndex, a.channelType, a.outcome, a.statusCode ?? null, a.latencyMs, at, ...outboxValues(event)],
      });
      return rowCount === 1;
    },

    async markUndeliverable(promptId, failure, event) {
      const { rowCount } = await pool.query(
        `WITH moved AS (
           UPDATE "consent_prompts" SET "delivery_status" = 'undeliverable', "delivery_failure" = $2
            WHERE "prompt_id" = $1 AND "delivery_status" = 'queued' RETURNING 1
         )
         INSERT INTO "outbox_events" ("id", "topic", "key", "envelope") SELECT $3, $4, $5, $6::jsonb FROM moved`,
        [promptId, failure, ...outboxValues(event)],
      );
      return rowCount === 1;
    },

    async markExpired(promptId) {
      await pool.query(`UPDATE "consent_prompts" SET "delivery_status" = 'expired' WHERE "prompt_id" = $1 AND "delivery_status" = 'queued'`, [promptId]);
    },

    async decide(promptId, status, decidedAt, event) {
      // The user's decision is recorded through Prisma (the brief's rule for this service), as one raw
      // statement over the same pool: one round trip, like the hot paths' direct SQL.
      const count = await db.$executeRawUnsafe(DECIDE, promptId, status, decidedAt, ...outboxValues(event));
      return count === 1;
    },

    async expireDue(now, limit, expiredEvent) {
      return db.$transaction(async (tx) => {
        // One conditional UPDATE from `pending`: rows locked by a concurrent decision or sweeper are
        // skipped (taken next round if still pending), rows decided meanwhile no longer match.
        const rows = await tx.$queryRaw<ExpiredRow[]>`
          UPDATE ${prompts} p
             SET status = 'expired',
                 delivery_status = CASE WHEN p.delivery_status = 'queued' THEN 'expired' ELSE p.delivery_status END
            FROM (SELECT prompt_id FROM ${prompts}
                   WHERE status = 'pending' AND expires_at <= ${now}
                   ORDER BY expires_at
                   LIMIT ${limit}
                   FOR UPDATE SKIP LOCKED) due
           WHERE p.prompt_id = due.prompt_id AND p.status = 'pending'
       RETURNING p.prompt_id, p.request_id::text AS request_id, p.client_id, p.sub, p.expires_at`;
        const expired: ExpiringPrompt[] = rows.map((r) => ({
          promptId: r.prompt_id,
          requestId: r.request_id,
          clientId: r.client_id,
          sub: r.sub,
          expiresAt: new Date(r.expires_at),
        }));
        if (expired.length > 0) await tx.outboxEvent.createMany({ data: expired.map((p) => outboxRow(expiredEvent(p))) });
        return expired;
      });
    },

    async listAwaitingDelivery(now, storedBefore, afterId, limit) {
      const rows = await db.consentPrompt.findMany({
        where: {
          status: 'pending',
          deliveryStatus: 'queued',
          expiresAt: { gt: now },
          createdAt: { lt: storedBefore },
          ...(afterId !== undefined ? { promptId: { gt: afterId } } : {}),
        },
        orderBy: { promptId: 'asc' },
        take: limit,
        select: { promptId: true },
      });
      return rows.map((r) => r.promptId);
    },
  };
}
