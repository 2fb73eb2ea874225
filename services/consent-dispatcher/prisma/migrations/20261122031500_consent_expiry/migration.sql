-- The consent window can close undecided: pending → expired, taken by the expiry sweeper (or at creation
-- for a request that arrives already expired) together with its ciba.consent.expired.v1 outbox row.
-- A new enum value may be added inside the migration's transaction as long as nothing here uses it.
ALTER TYPE "consent_prompt_status" ADD VALUE 'expired';

-- The expiry sweeper: pending prompts by expires_at.
CREATE INDEX "consent_prompts_pending_expiry_idx" ON "consent_prompts"("expires_at") WHERE "status" = 'pending';

-- The delivery reconciler: pending prompts still waiting for a channel, paged by prompt id.
CREATE INDEX "consent_prompts_awaiting_delivery_idx" ON "consent_prompts"("prompt_id")
  WHERE "status" = 'pending' AND "delivery_status" = 'queued';
