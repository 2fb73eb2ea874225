import type { OutboxRecord } from '@ciba/event-bus';
import type { PgPool } from '@ciba/service-kit';
import type { DeliveredFacts, OfferOutcome, OutcomeEffect } from '../../domain/offer-store.ts';
import { inTransaction } from './in-transaction.ts';
import { OFFER_COLUMNS } from './offer-columns.ts';
import { PROMPT_COLUMNS } from './prompt-columns.ts';
import { toConsentPrompt, type ConsentPromptRow } from './to-consent-prompt.ts';
import { toOfferRecord, type OfferRow } from './to-offer-record.ts';

const SEEN = `INSERT INTO "processed_events" ("group", "event_id") VALUES ($1, $2) ON CONFLICT DO NOTHING`;

const SETTLE = `UPDATE "prompt_offers" o SET "status" = $2::"prompt_offer_status", "reason" = $3, "status_code" = $4, "latency_ms" = $5, "settled_at" = now()
  WHERE o."offer_id" = $1 AND o."status" = 'offered' RETURNING ${OFFER_COLUMNS}`;

const LATE = `UPDATE "prompt_offers" SET "late_outcome" = $2, "reason" = COALESCE("reason", $3), "status_code" = COALESCE("status_code", $4),
  "latency_ms" = COALESCE("latency_ms", $5) WHERE "offer_id" = $1 AND "status" <> 'offered' AND "late_outcome" IS NULL`;

const DELIVERED = `UPDATE "consent_prompts" SET "delivery_status" = 'delivered', "delivered_at" = now(), "next_offer_at" = NULL
  WHERE "prompt_id" = $1 AND "delivery_status" = 'queued' RETURNING "prompt_id" AS "promptId", "request_id"::text AS "requestId"`;

const OUTBOX = `INSERT INTO "outbox_events" ("id", "topic", "key", "envelope") VALUES ($1, $2, $3, $4::jsonb)`;

const DISABLE = `INSERT INTO "disabled_channels" ("sub", "entry_hash", "offer_id")
  SELECT "sub", $2, $3 FROM "consent_prompts" WHERE "prompt_id" = $1 ON CONFLICT DO NOTHING`;

const CONTINUE = `UPDATE "consent_prompts" SET "next_channel_index" = $3, "next_offer_at" = $4
  WHERE "prompt_id" = $1 AND "round" = $2 AND "status" = 'pending' AND "delivery_status" = 'queued' AND "next_offer_at" IS NULL
  RETURNING ${PROMPT_COLUMNS}`;

const outboxValues = (record: OutboxRecord) => [record.id, record.topic, record.key, JSON.stringify(record.envelope)];

/** `OfferStore.applyOutcome`: one transaction, the offer row locked before the prompt row (as the deadline sweep does). */
export function applyOutcome(
  pool: PgPool,
  group: string,
  eventId: string,
  outcome: OfferOutcome,
  leaseUntil: Date,
  deliveredEvent: (facts: DeliveredFacts) => OutboxRecord,
): Promise<OutcomeEffect> {
  return inTransaction(pool, async (client): Promise<OutcomeEffect> => {
    if ((await client.query(SEEN, [group, eventId])).rowCount === 0) return { kind: 'duplicate' };
    const answer = [outcome.delivered ? null : (outcome.reason ?? null), outcome.statusCode ?? null, outcome.latencyMs ?? null];
    const settled = await client.query<OfferRow>(SETTLE, [outcome.offerId, outcome.delivered ? 'delivered' : 'failed', ...answer]);
    const row = settled.rows[0];
    if (!row) {
      await client.query(LATE, [outcome.offerId, outcome.delivered ? 'delivered' : 'failed', ...answer]);
      return { kind: 'late' };
    }
    const offer = toOfferRecord(row);
    if (outcome.delivered) {
      const moved = (await client.query<{ promptId: string; requestId: string }>(DELIVERED, [offer.promptId])).rows[0];
      if (moved) await client.query(OUTBOX, outboxValues(deliveredEvent({ prompt: moved, offer, at: new Date() })));
      return { kind: 'delivered', offer, moved: moved !== undefined };
    }
    if (outcome.reason === 'gone') await client.query(DISABLE, [offer.promptId, offer.entryHash, offer.offerId]);
    const next = (await client.query<ConsentPromptRow>(CONTINUE, [offer.promptId, offer.round, offer.channelIndex + 1, leaseUntil])).rows[0];
    return { kind: 'failed', offer, next: next ? toConsentPrompt(next) : null };
  });
}
