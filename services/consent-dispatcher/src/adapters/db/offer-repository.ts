import { outboxWritten, traceContextColumn, type OutboxRecord } from '@ciba/event-bus';
import { schemaOfPool, type PgPool } from '@ciba/service-kit';
import type { OfferStore } from '../../domain/offer-store.ts';
import { applyDeliveredBatcher } from './apply-delivered-batch.ts';
import { applyOutcome } from './apply-outcome.ts';
import { CLAIM_GUARD } from './claim-guard.ts';
import { disabledEntriesBatcher } from './disabled-entries-batch.ts';
import { OFFER_COLUMNS } from './offer-columns.ts';
import { PROMPT_COLUMNS } from './prompt-columns.ts';
import { recordOfferBatcher } from './record-offer-batch.ts';
import { timeOutDue } from './time-out-due.ts';
import { toConsentPrompt, type ConsentPromptRow } from './to-consent-prompt.ts';
import { toOfferRecord, type OfferRow } from './to-offer-record.ts';

const outboxValues = (record: OutboxRecord) => [record.id, record.topic, record.key, JSON.stringify(record.envelope), traceContextColumn(record)];

const SCHEDULE_ROUND = `UPDATE "consent_prompts" SET "round" = "round" + 1, "next_channel_index" = 0, "next_offer_at" = $4 WHERE ${CLAIM_GUARD}`;

const GIVE_UP = `
  WITH moved AS (
    UPDATE "consent_prompts" SET "delivery_status" = 'undeliverable', "delivery_failure" = $4, "next_offer_at" = NULL
     WHERE ${CLAIM_GUARD} RETURNING 1
  )
  INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context") SELECT $5, $6, $7, $8::jsonb, $9::jsonb FROM moved`;

const CLAIM_DUE = `
  UPDATE "consent_prompts" p SET "next_offer_at" = $3
    FROM (SELECT "prompt_id" FROM "consent_prompts"
           WHERE "status" = 'pending' AND "delivery_status" = 'queued' AND "next_offer_at" <= $1 AND "expires_at" > $1
           ORDER BY "next_offer_at" LIMIT $2 FOR UPDATE SKIP LOCKED) due
   WHERE p."prompt_id" = due."prompt_id"
  RETURNING ${PROMPT_COLUMNS.replace('"prompt_id" AS', 'p."prompt_id" AS')}`;

const OFFERS = `SELECT ${OFFER_COLUMNS} FROM "prompt_offers" o WHERE o."prompt_id" = $1 ORDER BY o."offered_at", o."round", o."channel_index"`;

/**
 * `prompt_offers` and `disabled_channels`, with the `consent_prompts` columns that drive the offers
 * (`round`, `next_channel_index`, `next_offer_at`) and the outbox: every write is one statement or one
 * transaction through the service's pool, conditional on the state it moves from; offers, delivered
 * outcomes and the disabled-entry look-ups of concurrent deliveries go together (one statement per
 * batch). A write that
 * committed an outbox row wakes this process's relay (`outboxWritten`).
 */
export function offerRepository(pool: PgPool): OfferStore {
  const schema = schemaOfPool(pool);
  const recordOffer = recordOfferBatcher(pool);
  const applyDelivered = applyDeliveredBatcher(pool);
  const written = <T>(result: T, wrote: boolean): T => {
    if (wrote) outboxWritten(schema);
    return result;
  };
  return {
    disabledEntries: disabledEntriesBatcher(pool),

    recordOffer: (claim, offer, tokenHash, event) => recordOffer({ claim, offer, tokenHash, event }),

    async scheduleRound(claim, dueAt) {
      const { rowCount } = await pool.query(SCHEDULE_ROUND, [claim.promptId, claim.round, claim.fromIndex, dueAt]);
      return rowCount === 1;
    },

    async giveUp(claim, failure, event) {
      const { rowCount } = await pool.query(GIVE_UP, [claim.promptId, claim.round, claim.fromIndex, failure, ...outboxValues(event)]);
      return written(rowCount === 1, rowCount === 1);
    },

    async applyOutcome(group, eventId, outcome, leaseUntil, deliveredEvent) {
      if (outcome.delivered) {
        const { wrote, ...effect } = await applyDelivered({ group, eventId, outcome, event: deliveredEvent });
        return written(effect, wrote);
      }
      const effect = await applyOutcome(pool, group, eventId, outcome, leaseUntil, deliveredEvent);
      return written(effect, effect.kind === 'delivered' && effect.moved && deliveredEvent !== undefined);
    },

    async timeOutDue(now, limit, leaseUntil, timedOutEvent) {
      const done = await timeOutDue(pool, now, limit, leaseUntil, timedOutEvent);
      return written(done, done.length > 0);
    },

    async claimDue(now, limit, leaseUntil) {
      const { rows } = await pool.query<ConsentPromptRow>(CLAIM_DUE, [now, limit, leaseUntil]);
      return rows.map(toConsentPrompt);
    },

    async listOffers(promptId) {
      const { rows } = await pool.query<OfferRow>(OFFERS, [promptId]);
      return rows.map(toOfferRecord);
    },
  };
}
