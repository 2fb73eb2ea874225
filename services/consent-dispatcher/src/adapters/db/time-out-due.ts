import { outboxColumns, type OutboxRecord } from '@ciba/event-bus';
import type { PgPool } from '@ciba/service-kit';
import type { TimedOut } from '../../domain/offer-store.ts';
import { inTransaction } from './in-transaction.ts';
import { OFFER_COLUMNS } from './offer-columns.ts';
import { PROMPT_COLUMNS } from './prompt-columns.ts';
import { toConsentPrompt, type ConsentPromptRow } from './to-consent-prompt.ts';
import { toOfferRecord, type OfferRow } from './to-offer-record.ts';

/** Offers out past their deadline → `timed_out`; rows another sweeper or an outcome holds are skipped. */
const TIME_OUT = `UPDATE "prompt_offers" o SET "status" = 'timed_out', "settled_at" = now()
    FROM (SELECT "offer_id" FROM "prompt_offers" WHERE "status" = 'offered' AND "deadline_at" <= $1
           ORDER BY "deadline_at" LIMIT $2 FOR UPDATE SKIP LOCKED) due, "consent_prompts" p
   WHERE o."offer_id" = due."offer_id" AND o."status" = 'offered' AND p."prompt_id" = o."prompt_id"
  RETURNING ${OFFER_COLUMNS}, p."request_id"::text AS "requestId"`;

const OUTBOX = `INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])`;

/** Each prompt still wanting it: due from the channel after the timed-out one, leased. */
const CONTINUE = `UPDATE "consent_prompts" p SET "next_channel_index" = t."next_index", "next_offer_at" = $4
    FROM unnest($1::text[], $2::int[], $3::int[]) AS t("offered_prompt", "offered_round", "next_index")
   WHERE p."prompt_id" = t."offered_prompt" AND p."round" = t."offered_round" AND p."status" = 'pending'
     AND p."delivery_status" = 'queued' AND p."next_offer_at" IS NULL
  RETURNING ${PROMPT_COLUMNS}`;

/** `OfferStore.timeOutDue`: one transaction, offer rows locked before prompt rows. */
export function timeOutDue(pool: PgPool, now: Date, limit: number, leaseUntil: Date, timedOutEvent: (offer: TimedOut['offer']) => OutboxRecord): Promise<TimedOut[]> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<OfferRow & { requestId: string }>(TIME_OUT, [now, limit]);
    if (rows.length === 0) return [];
    const offers = rows.map((r) => ({ ...toOfferRecord(r), requestId: r.requestId })).sort((a, b) => (a.promptId < b.promptId ? -1 : 1));
    const events = offers.map(timedOutEvent);
    await client.query(OUTBOX, outboxColumns(events));
    const next = await client.query<ConsentPromptRow>(CONTINUE, [offers.map((o) => o.promptId), offers.map((o) => o.round), offers.map((o) => o.channelIndex + 1), leaseUntil]);
    const byId = new Map(next.rows.map((r) => [r.promptId, toConsentPrompt(r)]));
    return offers.map((offer) => ({ offer, next: byId.get(offer.promptId) ?? null }));
  });
}
