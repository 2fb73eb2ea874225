import { traceContextColumn, type OutboxRecord } from '@ciba/event-bus';
import type { PgPool } from '@ciba/service-kit';
import type { OfferOutcome, OutcomeEffect } from '../../domain/offer-store.ts';
import { PROMPT_COLUMNS } from './prompt-columns.ts';
import { toConsentPrompt, type ConsentPromptRow } from './to-consent-prompt.ts';

/**
 * One statement (so one transaction): the processed event; the offer still out that the outcome names
 * (id, prompt, channel, position, round) → delivered / failed, or else, an offer no longer out, its
 * late outcome; delivered: the prompt's delivery `queued` → `delivered` and the event ($13…); failed:
 * a `gone` entry disabled, the prompt due from the next channel (leased until $12) and returned. All
 * sub-statements see one snapshot: `settled` and `late` exclude each other on the offer's status.
 */
const APPLY_OUTCOME = `
  WITH seen AS (
    INSERT INTO "processed_events" ("group", "event_id") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1
  ), settled AS (
    UPDATE "prompt_offers" o SET "status" = $8::"prompt_offer_status", "reason" = $9, "status_code" = $10, "latency_ms" = $11, "settled_at" = now()
     WHERE o."offer_id" = $3 AND o."prompt_id" = $4 AND o."channel" = $5 AND o."channel_index" = $6 AND o."round" = $7
       AND o."status" = 'offered' AND EXISTS (SELECT 1 FROM seen)
    RETURNING o."prompt_id", o."round", o."channel_index", o."entry_hash", o."offer_id"
  ), late AS (
    UPDATE "prompt_offers" SET "late_outcome" = $8::text, "reason" = COALESCE("reason", $9), "status_code" = COALESCE("status_code", $10),
           "latency_ms" = COALESCE("latency_ms", $11)
     WHERE "offer_id" = $3 AND "status" <> 'offered' AND "late_outcome" IS NULL AND EXISTS (SELECT 1 FROM seen)
    RETURNING 1
  ), delivered AS (
    UPDATE "consent_prompts" p SET "delivery_status" = 'delivered', "delivered_at" = now(), "next_offer_at" = NULL
      FROM settled s
     WHERE $8::text = 'delivered' AND p."prompt_id" = s."prompt_id" AND p."delivery_status" = 'queued'
    RETURNING p."requested_at"
  ), event AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context") SELECT $13, $14, $15, $16::jsonb, $17::jsonb FROM delivered WHERE $13::uuid IS NOT NULL
  ), disabled AS (
    INSERT INTO "disabled_channels" ("sub", "entry_hash", "offer_id")
    SELECT p."sub", s."entry_hash", s."offer_id" FROM settled s JOIN "consent_prompts" p ON p."prompt_id" = s."prompt_id"
     WHERE $9 = 'gone'
    ON CONFLICT DO NOTHING
  ), continued AS (
    UPDATE "consent_prompts" p SET "next_channel_index" = s."channel_index" + 1, "next_offer_at" = $12
      FROM settled s
     WHERE $8::text = 'failed' AND p."prompt_id" = s."prompt_id" AND p."round" = s."round" AND p."status" = 'pending'
       AND p."delivery_status" = 'queued' AND p."next_offer_at" IS NULL
    RETURNING ${PROMPT_COLUMNS.replace('"prompt_id" AS', 'p."prompt_id" AS').replace('"round",', 'p."round",')}
  )
  SELECT (SELECT count(*) FROM seen)::int AS "seen", (SELECT count(*) FROM settled)::int AS "settled",
         (SELECT count(*) FROM delivered)::int AS "moved", (SELECT "requested_at" FROM delivered) AS "deliveredRequestedAt", c.*
    FROM (SELECT 1) one LEFT JOIN continued c ON true`;

type Row = { seen: number; settled: number; moved: number; deliveredRequestedAt: Date | null } & { [K in keyof ConsentPromptRow]: ConsentPromptRow[K] | null };

/** `OfferStore.applyOutcome`: one round trip, whatever the outcome. */
export async function applyOutcome(pool: PgPool, group: string, eventId: string, o: OfferOutcome, leaseUntil: Date, deliveredEvent: OutboxRecord | undefined): Promise<OutcomeEffect> {
  const event = o.delivered ? deliveredEvent : undefined;
  const { rows } = await pool.query<Row>({
    name: 'consent.apply-outcome',
    text: APPLY_OUTCOME,
    values: [
      group,
      eventId,
      o.offerId,
      o.promptId,
      o.channel,
      o.channelIndex,
      o.round,
      o.delivered ? 'delivered' : 'failed',
      o.delivered ? null : (o.reason ?? null),
      o.statusCode ?? null,
      o.latencyMs ?? null,
      leaseUntil,
      event?.id ?? null,
      event?.topic ?? null,
      event?.key ?? null,
      event ? JSON.stringify(event.envelope) : null,
      event ? traceContextColumn(event) : null,
    ],
  });
  const row = rows[0]!;
  if (row.seen === 0) return { kind: 'duplicate' };
  if (row.settled === 0) return { kind: 'late' };
  if (o.delivered) return { kind: 'delivered', moved: row.moved === 1, ...(row.deliveredRequestedAt ? { requestedAt: row.deliveredRequestedAt } : {}) };
  return { kind: 'failed', next: row.promptId !== null ? toConsentPrompt(row as ConsentPromptRow) : null };
}
