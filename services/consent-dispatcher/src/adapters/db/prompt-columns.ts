/**
 * The `consent_prompts` columns of a `ConsentPromptRow`, aliased to Prisma's field names, for raw SQL
 * on the pool (`SELECT ${PROMPT_COLUMNS} FROM …`, `RETURNING ${PROMPT_COLUMNS}`).
 */
export const PROMPT_COLUMNS = `"prompt_id" AS "promptId", "request_id"::text AS "requestId", "client_id" AS "clientId", "sub", "scope",
  "binding_message" AS "bindingMessage", "acr_values" AS "acrValues", "expires_at" AS "expiresAt", "status"::text AS "status",
  "decided_at" AS "decidedAt", "decision_token_hash" AS "decisionTokenHash", "delivery_status"::text AS "deliveryStatus",
  "delivery_failure" AS "deliveryFailure", "delivered_at" AS "deliveredAt",
  "round", "next_channel_index" AS "nextChannelIndex", "next_offer_at" AS "nextOfferAt", "requested_at" AS "requestedAt", "trace_context" AS "traceContext"`;
