/** The `prompt_offers` columns of an `OfferRow`, aliased to the domain's names, for raw SQL (`o` is the table's alias). */
export const OFFER_COLUMNS = `o."offer_id"::text AS "offerId", o."prompt_id" AS "promptId", o."round", o."channel_index" AS "channelIndex",
  o."channel", o."channel_type" AS "channelType", o."entry_hash" AS "entryHash", o."status"::text AS "status", o."reason",
  o."status_code" AS "statusCode", o."latency_ms" AS "latencyMs", o."late_outcome" AS "lateOutcome", o."offered_at" AS "offeredAt",
  o."deadline_at" AS "deadlineAt", o."settled_at" AS "settledAt"`;
