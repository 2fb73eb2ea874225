import { outboxColumns, outboxWritten, type OutboxRecord } from '@ciba/event-bus';
import { coalescingBatcher, inKeyOrder } from '@ciba/service-kit';
import type { ConsentDb } from './prisma-client.ts';

/** A device's decision: `pending` → `status` at `decidedAt`, with its event. */
export interface DecisionItem {
  promptId: string;
  status: 'approved' | 'denied';
  decidedAt: Date;
  event: OutboxRecord;
}

/**
 * Per batch, in one statement: `pending` → the item's status for each prompt whose request has not
 * expired at the item's `decidedAt`, with the decision event of each prompt that moved. Answers the
 * `ord` of the items that moved their prompt (one per prompt: of two decisions racing in one batch,
 * the update takes one, as the first commit would win between two statements). Items are sent in
 * prompt order, as the delivered batches are, so the two lock rows in one order.
 */
const DECIDE = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::"consent_prompt_status"[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[])
      WITH ORDINALITY AS i("prompt_id", "status", "decided_at", "outbox_id", "topic", "key", "envelope", "trace_context", "ord")
  ), moved AS (
    UPDATE "consent_prompts" p SET "status" = i."status", "decided_at" = i."decided_at"
      FROM input i
     WHERE p."prompt_id" = i."prompt_id" AND p."status" = 'pending' AND p."expires_at" > i."decided_at"
    RETURNING i."ord"
  ), decided AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
    SELECT i."outbox_id", i."topic", i."key", i."envelope", i."trace_context" FROM input i JOIN moved m ON m."ord" = i."ord" ORDER BY i."ord"
  )
  SELECT "ord" FROM moved`;

/**
 * Records concurrent decisions together (`coalescingBatcher`: one statement, one commit per batch; a
 * failed batch runs again item by item). Through Prisma, as one raw statement over the service's pool
 * (the brief's rule for the decision). Each item learns whether it moved its prompt: false when another
 * decision or the expiry won, or the request expired (nothing is written for it then). A batch that
 * wrote decision events wakes this process's outbox relay of `schema` once committed.
 */
export function decideBatcher(db: ConsentDb, schema: string): (item: DecisionItem) => Promise<boolean> {
  return coalescingBatcher<DecisionItem, boolean>({
    async run(items) {
      const { sorted, order } = inKeyOrder(items, (i) => i.promptId);
      const column = <T>(pick: (item: DecisionItem) => T) => sorted.map(pick);
      const rows = await db.$queryRawUnsafe<Array<{ ord: bigint }>>(
        DECIDE,
        column((i) => i.promptId),
        column((i) => i.status),
        column((i) => i.decidedAt.toISOString()),
        ...outboxColumns(sorted.map((i) => i.event)),
      );
      if (rows.length > 0) outboxWritten(schema);
      const moved = items.map(() => false);
      for (const { ord } of rows) moved[order[Number(ord) - 1]!] = true;
      return moved;
    },
  });
}
