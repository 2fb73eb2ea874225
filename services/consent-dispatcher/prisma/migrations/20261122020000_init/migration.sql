-- CreateEnum
CREATE TYPE "consent_prompt_status" AS ENUM ('pending', 'approved', 'denied');

-- CreateEnum
CREATE TYPE "prompt_delivery_status" AS ENUM ('queued', 'delivered', 'undeliverable', 'expired');

-- CreateTable
CREATE TABLE "consent_prompts" (
    "prompt_id" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "binding_message" TEXT,
    "acr_values" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "consent_prompt_status" NOT NULL DEFAULT 'pending',
    "decided_at" TIMESTAMPTZ(3),
    "decision_token_hash" TEXT,
    "delivery_status" "prompt_delivery_status" NOT NULL DEFAULT 'queued',
    "delivery_failure" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "consent_prompts_pkey" PRIMARY KEY ("prompt_id")
);
CREATE UNIQUE INDEX "consent_prompts_request_id_key" ON "consent_prompts"("request_id");

-- CreateTable
CREATE TABLE "prompt_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "prompt_id" TEXT NOT NULL,
    "job_attempt" INTEGER NOT NULL,
    "channel_index" INTEGER NOT NULL,
    "channel_type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "status_code" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "prompt_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "prompt_deliveries_prompt_id_idx" ON "prompt_deliveries"("prompt_id");
ALTER TABLE "prompt_deliveries" ADD CONSTRAINT "prompt_deliveries_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "consent_prompts"("prompt_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "outbox_events" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");
CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events"("seq") WHERE "published_at" IS NULL;

-- CreateTable
CREATE TABLE "processed_events" (
    "group" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("group","event_id")
);

-- Outbox wake-up (LISTEN outbox_events; payload = schema)
CREATE FUNCTION "outbox_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_notify('outbox_events', TG_TABLE_SCHEMA); RETURN NULL; END $$;
CREATE TRIGGER "outbox_events_notify" AFTER INSERT ON "outbox_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "outbox_events_notify"();
