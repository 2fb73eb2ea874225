-- Prompts go to channels through the bus: each offer to one channel is a prompt_offers row written in
-- the same statement as its ciba.channel_offer.requested.v1 outbox row; the channel answers on
-- ciba.channel-outcomes. The in-process delivery attempts (prompt_deliveries) are gone with it.
DROP TABLE "prompt_deliveries";
DROP INDEX IF EXISTS "consent_prompts_awaiting_delivery_idx";

-- What the next offer of a prompt is: round `round` from the user's channel `next_channel_index`,
-- due at `next_offer_at` (NULL while an offer is out or once delivery is settled). A process that
-- takes a due offer moves `next_offer_at` ahead by a lease, so another replica continues it after a crash.
ALTER TABLE "consent_prompts" ADD COLUMN "round" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "consent_prompts" ADD COLUMN "next_channel_index" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "consent_prompts" ADD COLUMN "next_offer_at" TIMESTAMPTZ(3);
CREATE INDEX "consent_prompts_due_offer_idx" ON "consent_prompts"("next_offer_at")
  WHERE "status" = 'pending' AND "delivery_status" = 'queued' AND "next_offer_at" IS NOT NULL;

-- CreateEnum
CREATE TYPE "prompt_offer_status" AS ENUM ('offered', 'delivered', 'failed', 'timed_out');

-- CreateTable
CREATE TABLE "prompt_offers" (
    "offer_id" UUID NOT NULL,
    "prompt_id" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "channel_index" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "channel_type" TEXT NOT NULL,
    "entry_hash" TEXT NOT NULL,
    "status" "prompt_offer_status" NOT NULL DEFAULT 'offered',
    "reason" TEXT,
    "status_code" INTEGER,
    "latency_ms" INTEGER,
    "late_outcome" TEXT,
    "offered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline_at" TIMESTAMPTZ(3) NOT NULL,
    "settled_at" TIMESTAMPTZ(3),
    CONSTRAINT "prompt_offers_pkey" PRIMARY KEY ("offer_id")
);
CREATE INDEX "prompt_offers_prompt_id_idx" ON "prompt_offers"("prompt_id");
ALTER TABLE "prompt_offers" ADD CONSTRAINT "prompt_offers_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "consent_prompts"("prompt_id") ON DELETE CASCADE ON UPDATE CASCADE;
-- At most one offer out per prompt, and the deadline sweeper's scan.
CREATE UNIQUE INDEX "prompt_offers_one_out_idx" ON "prompt_offers"("prompt_id") WHERE "status" = 'offered';
CREATE INDEX "prompt_offers_deadline_idx" ON "prompt_offers"("deadline_at") WHERE "status" = 'offered';

-- CreateTable
CREATE TABLE "disabled_channels" (
    "sub" TEXT NOT NULL,
    "entry_hash" TEXT NOT NULL,
    "offer_id" UUID NOT NULL,
    "disabled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "disabled_channels_pkey" PRIMARY KEY ("sub","entry_hash")
);
