import { outboxColumns, outboxWritten, type OutboxRecord } from '@ciba/event-bus';
import { coalescingBatcher, schemaOfPool, type PgPool } from '@ciba/service-kit';
import type { NewOffer, OfferClaim } from '../../domain/offer-store.ts';

/** One offer to record: the claim it continues, the offer, the new decision token's hash and its event. */
export interface OfferItem {
  claim: OfferClaim;
  offer: NewOffer;
  tokenHash: string;
  event: OutboxRecord;
}

/**
 * Per batch, in one statement: each item's claim (the prompt still waits for exactly this offer: pending,
 * queued, an offer due, this round and index, not expired), the new token hash, the offer row and its
 * outbox row; answers the offers written. An item whose claim no longer holds writes nothing; of two
 * items of one batch claiming the same prompt, one is written (UPDATE … FROM updates a row once).
 */
const RECORD_OFFERS = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::uuid[], $6::int[], $7::text[], $8::text[], $9::text[],
                         $10::timestamptz[], $11::uuid[], $12::text[], $13::text[], $14::jsonb[], $15::jsonb[])
      AS i("prompt_id", "round", "from_index", "token_hash", "offer_id", "channel_index", "channel", "channel_type", "entry_hash",
           "deadline_at", "outbox_id", "topic", "key", "envelope", "trace_context")
  ), claimed AS (
    UPDATE "consent_prompts" p SET "decision_token_hash" = i."token_hash", "next_offer_at" = NULL
      FROM input i
     WHERE p."prompt_id" = i."prompt_id" AND p."status" = 'pending' AND p."delivery_status" = 'queued'
       AND p."round" = i."round" AND p."next_channel_index" = i."from_index" AND p."next_offer_at" IS NOT NULL
       AND p."expires_at" > now()
    RETURNING i."offer_id"
  ), offer AS (
    INSERT INTO "prompt_offers" ("offer_id", "prompt_id", "round", "channel_index", "channel", "channel_type", "entry_hash", "deadline_at")
    SELECT i."offer_id", i."prompt_id", i."round", i."channel_index", i."channel", i."channel_type", i."entry_hash", i."deadline_at"
      FROM input i JOIN claimed c ON c."offer_id" = i."offer_id"
     ORDER BY i."prompt_id"
    RETURNING "offer_id"
  ), event AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
    SELECT i."outbox_id", i."topic", i."key", i."envelope", i."trace_context" FROM input i JOIN offer o ON o."offer_id" = i."offer_id"
  )
  SELECT "offer_id"::text AS "offerId" FROM offer`;

/** PostgreSQL's answer to a second offer out for one prompt (the partial unique index). */
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * Records the offers of concurrent deliveries together (`coalescingBatcher`: one statement and one
 * commit per batch). A batch that fails runs again item by item; an item alone that meets another
 * offer already out for its prompt (the partial unique index) answers false, as a claim lost.
 */
export function recordOfferBatcher(pool: PgPool): (item: OfferItem) => Promise<boolean> {
  const schema = schemaOfPool(pool);
  const record = coalescingBatcher<OfferItem, boolean>({
    async run(items) {
      const column = <T>(pick: (item: OfferItem) => T) => items.map(pick);
      // Unnamed, so planned for each call: a named statement's generic plan, made while the tables are
      // still small (a fresh install), joins them by scanning and stays cached until they are analyzed.
      const { rows } = await pool.query<{ offerId: string }>({
        text: RECORD_OFFERS,
        values: [
          column((i) => i.claim.promptId),
          column((i) => i.claim.round),
          column((i) => i.claim.fromIndex),
          column((i) => i.tokenHash),
          column((i) => i.offer.offerId),
          column((i) => i.offer.channelIndex),
          column((i) => i.offer.channel),
          column((i) => i.offer.channelType),
          column((i) => i.offer.entryHash),
          column((i) => i.offer.deadlineAt),
          ...outboxColumns(items.map((i) => i.event)),
        ],
      });
      if (rows.length > 0) outboxWritten(schema);
      const written = new Set(rows.map((r) => r.offerId.toLowerCase()));
      return items.map((i) => written.has(i.offer.offerId.toLowerCase()));
    },
  });
  return async (item) => {
    try {
      return await record(item);
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  };
}
