-- CreateEnum
CREATE TYPE "notification_mode" AS ENUM ('ping', 'push');
CREATE TYPE "notification_outcome" AS ENUM ('approved', 'denied', 'expired');
CREATE TYPE "notification_status" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "client_notifications" (
    "request_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "mode" "notification_mode" NOT NULL,
    "outcome" "notification_outcome" NOT NULL,
    "status" "notification_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status" INTEGER,
    "last_error" TEXT,
    "failure_reason" TEXT,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "lease_owner" UUID,
    "lease_until" TIMESTAMPTZ(3),
    CONSTRAINT "client_notifications_pkey" PRIMARY KEY ("request_id")
);
CREATE INDEX "client_notifications_status_created_at_idx" ON "client_notifications"("status", "created_at");

-- CreateTable
CREATE TABLE "notification_attempts" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "latency_ms" INTEGER NOT NULL,
    "status_code" INTEGER,
    "error_code" TEXT,
    "outcome" TEXT NOT NULL,
    CONSTRAINT "notification_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notification_attempts_request_id_idx" ON "notification_attempts"("request_id");
ALTER TABLE "notification_attempts" ADD CONSTRAINT "notification_attempts_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "client_notifications"("request_id") ON DELETE CASCADE ON UPDATE CASCADE;

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
