-- Client policy for consent prompts: the user channel types (webhook, email, sms, push, plugin) a
-- client's prompts may use (registration metadata `consent_channel_types`). Mirrors the metadata JSON,
-- which stays authoritative; NULL or empty: every type.
ALTER TABLE "clients" ADD COLUMN "consent_channel_types" TEXT[];
