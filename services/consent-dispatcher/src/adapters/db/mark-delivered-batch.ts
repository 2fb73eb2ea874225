import type { OutboxRecord } from '@ciba/event-bus';
import { coalescingBatcher, inKeyOrder, type PgPool } from '@ciba/service-kit';
import type { DeliveryAttempt } from '../../domain/prompt-store.ts';

/** The offer a channel accepted, when, and the delivered event. */
export interface DeliveredItem {
  attempt: DeliveryAttempt;
  at: Date;
  event: OutboxRecord;
}

/**
 * Per batch, in one statement: every item's attempt row, `queued` → `delivered` for its prompt, and
 * the delivered event of each prompt that moved. Answers the `ord` of the items whose prompt moved
 * (one per prompt: of two items for one prompt, the update takes one). Items are sent in prompt order,
 * so the rows are locked in one order whatever the batch.
 */
const MARK_DELIVERED = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::timestamptz[],
                         $9::uuid[], $10::text[], $11::text[], $12::jsonb[])
      WITH ORDINALITY AS i("prompt_id", "job_attempt", "channel_index", "channel_type", "outcome", "status_code", "latency_ms", "at",
                           "outbox_id", "topic", "key", "envelope", "ord")
  ), attempt AS (
    INSERT INTO "prompt_deliveries" ("prompt_id", "job_attempt", "channel_index", "channel_type", "outcome", "status_code", "latency_ms")
    SELECT "prompt_id", "job_attempt", "channel_index", "channel_type", "outcome", "status_code", "latency_ms" FROM input ORDER BY "ord"
  ), moved AS (
    UPDATE "consent_prompts" p SET "delivery_status" = 'delivered', "delivered_at" = i."at"
      FROM input i
     WHERE p."prompt_id" = i."prompt_id" AND p."delivery_status" = 'queued'
    RETURNING i."ord"
  ), delivered AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope")
    SELECT i."outbox_id", i."topic", i."key", i."envelope" FROM input i JOIN moved m ON m."ord" = i."ord" ORDER BY i."ord"
  )
  SELECT "ord" FROM moved`;

/**
 * Records accepted offers of concurrent deliveries together (`coalescingBatcher`: one statement, one
 * commit per batch; a failed batch runs again item by item). Each item learns whether its prompt moved
 * to `delivered` (false: delivery was already settled; its attempt is recorded all the same).
 */
export function markDeliveredBatcher(pool: PgPool): (item: DeliveredItem) => Promise<boolean> {
  return coalescingBatcher<DeliveredItem, boolean>({
    async run(items) {
      const { sorted, order } = inKeyOrder(items, (i) => i.attempt.promptId);
      const column = <T>(pick: (item: DeliveredItem) => T) => sorted.map(pick);
      const { rows } = await pool.query<{ ord: string }>({
        name: 'consent.mark-delivered-batch',
        text: MARK_DELIVERED,
        values: [
          column((i) => i.attempt.promptId),
          column((i) => i.attempt.jobAttempt),
          column((i) => i.attempt.channelIndex),
          column((i) => i.attempt.channelType),
          column((i) => i.attempt.outcome),
          column((i) => i.attempt.statusCode ?? null),
          column((i) => i.attempt.latencyMs),
          column((i) => i.at),
          column((i) => i.event.id),
          column((i) => i.event.topic),
          column((i) => i.event.key),
          column((i) => JSON.stringify(i.event.envelope)),
        ],
      });
      const moved = items.map(() => false);
      for (const { ord } of rows) moved[order[Number(ord) - 1]!] = true;
      return moved;
    },
  });
}
