/**
 * The condition every write that continues a prompt's delivery puts on its `consent_prompts` row, with
 * `$1` prompt id, `$2` round, `$3` the channel index the offer starts from: still pending and queued,
 * an offer due (not one out), this round and index. Of two writers acting on one claim, one matches.
 */
export const CLAIM_GUARD = `"prompt_id" = $1 AND "status" = 'pending' AND "delivery_status" = 'queued'
  AND "round" = $2 AND "next_channel_index" = $3 AND "next_offer_at" IS NOT NULL`;
