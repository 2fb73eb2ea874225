import { outboxColumns, type OutboxRecord } from '@ciba/event-bus';
import { coalescingBatcher, type PgPool } from '@ciba/service-kit';
import type { OfferOutcome, OutcomeEffect } from '../../domain/offer-store.ts';

/** One `delivered` outcome to apply, with the prompt's delivered event. */
export interface DeliveredItem {
  group: string;
  eventId: string;
  outcome: OfferOutcome;
  event: OutboxRecord | undefined;
}

/**
 * `applyOutcome`'s statement for delivered outcomes, per batch: the processed events; each offer still
 * out that its outcome names (id, prompt, channel, position, round) → delivered, or else, an offer no
 * longer out, its late outcome; the prompts still queued → delivered, with their events. Answers per
 * item (`ord`): seen, settled, the prompt moved and its request time. All sub-statements see one
 * snapshot: `settled` and `late` exclude each other on the offer's status.
 */
const APPLY_DELIVERED = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[],
                         $10::uuid[], $11::text[], $12::text[], $13::jsonb[], $14::jsonb[])
      WITH ORDINALITY AS i("group", "event_id", "offer_id", "prompt_id", "channel", "channel_index", "round", "status_code", "latency_ms",
                           "outbox_id", "topic", "key", "envelope", "trace_context", "ord")
  ), seen AS (
    INSERT INTO "processed_events" ("group", "event_id") SELECT "group", "event_id" FROM input ON CONFLICT DO NOTHING
    RETURNING "group", "event_id"
  ), fresh AS (
    SELECT i.* FROM input i JOIN seen s ON s."group" = i."group" AND s."event_id" = i."event_id"
  ), settled AS (
    UPDATE "prompt_offers" o SET "status" = 'delivered', "reason" = NULL, "status_code" = f."status_code", "latency_ms" = f."latency_ms", "settled_at" = now()
      FROM fresh f
     WHERE o."offer_id" = f."offer_id" AND o."prompt_id" = f."prompt_id" AND o."channel" = f."channel"
       AND o."channel_index" = f."channel_index" AND o."round" = f."round" AND o."status" = 'offered'
    RETURNING o."offer_id", o."prompt_id"
  ), late AS (
    UPDATE "prompt_offers" o SET "late_outcome" = 'delivered', "status_code" = COALESCE(o."status_code", f."status_code"),
           "latency_ms" = COALESCE(o."latency_ms", f."latency_ms")
      FROM fresh f
     WHERE o."offer_id" = f."offer_id" AND o."status" <> 'offered' AND o."late_outcome" IS NULL
    RETURNING 1
  ), delivered AS (
    UPDATE "consent_prompts" p SET "delivery_status" = 'delivered', "delivered_at" = now(), "next_offer_at" = NULL
      FROM settled s
     WHERE p."prompt_id" = s."prompt_id" AND p."delivery_status" = 'queued'
    RETURNING p."prompt_id", p."requested_at"
  ), event AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
    SELECT f."outbox_id", f."topic", f."key", f."envelope", f."trace_context"
      FROM fresh f JOIN settled s ON s."offer_id" = f."offer_id" JOIN delivered d ON d."prompt_id" = s."prompt_id"
     WHERE f."outbox_id" IS NOT NULL
  )
  SELECT i."ord"::int AS "ord", f."event_id" IS NOT NULL AS "seen", s."offer_id" IS NOT NULL AS "settled",
         d."prompt_id" IS NOT NULL AS "moved", d."requested_at" AS "requestedAt"
    FROM input i
    LEFT JOIN fresh f ON f."ord" = i."ord"
    LEFT JOIN settled s ON s."offer_id" = f."offer_id"
    LEFT JOIN delivered d ON d."prompt_id" = s."prompt_id"`;

interface Row {
  ord: number;
  seen: boolean;
  settled: boolean;
  moved: boolean;
  requestedAt: Date | null;
}

/**
 * Applies the delivered outcomes of concurrent consumers together (`coalescingBatcher`: one statement
 * and one commit per batch). A batch that names one event or one offer twice runs item by item, so
 * each is applied as if alone (the second is a duplicate, or late); so does a batch that fails.
 */
export function applyDeliveredBatcher(pool: PgPool): (item: DeliveredItem) => Promise<OutcomeEffect & { wrote: boolean }> {
  return coalescingBatcher<DeliveredItem, OutcomeEffect & { wrote: boolean }>({
    async run(items) {
      const events = new Set(items.map((i) => `${i.group}\u0000${i.eventId.toLowerCase()}`));
      const offers = new Set(items.map((i) => i.outcome.offerId.toLowerCase()));
      if (items.length > 1 && (events.size < items.length || offers.size < items.length)) throw new Error('a batch names one event or offer twice');
      const column = <T>(pick: (item: DeliveredItem) => T) => items.map(pick);
      // Unnamed, so planned for each call: a named statement's generic plan, made while the tables are
      // still small (a fresh install), joins them by scanning and stays cached until they are analyzed.
      const { rows } = await pool.query<Row>({
        text: APPLY_DELIVERED,
        values: [
          column((i) => i.group),
          column((i) => i.eventId),
          column((i) => i.outcome.offerId),
          column((i) => i.outcome.promptId),
          column((i) => i.outcome.channel),
          column((i) => i.outcome.channelIndex),
          column((i) => i.outcome.round),
          column((i) => i.outcome.statusCode ?? null),
          column((i) => i.outcome.latencyMs ?? null),
          ...outboxColumns(items.map((i) => i.event)),
        ],
      });
      const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
      return items.map((item, index) => {
        const row = byOrd.get(index + 1);
        if (!row?.seen) return { kind: 'duplicate', wrote: false };
        if (!row.settled) return { kind: 'late', wrote: false };
        return { kind: 'delivered', moved: row.moved, ...(row.requestedAt ? { requestedAt: row.requestedAt } : {}), wrote: row.moved && item.event !== undefined };
      });
    },
  });
}
