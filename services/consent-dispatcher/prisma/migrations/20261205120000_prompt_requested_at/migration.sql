-- When the auth request was accepted (its created event's `requested_at`): the start of the flow-stage
-- timings (ciba_flow_stage_seconds) of delivery and decision. Null for prompts stored before it.
ALTER TABLE "consent_prompts" ADD COLUMN "requested_at" TIMESTAMPTZ(3);
