-- CreateTable
CREATE TABLE "auth_requests" (
    "request_id" UUID NOT NULL,
    "auth_req_id_hash" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "acr_values" TEXT,
    "binding_message" TEXT,
    "delivery_mode" TEXT NOT NULL,
    "interval" INTEGER NOT NULL,
    "requested_expiry" INTEGER,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "client_notification_token" TEXT,
    CONSTRAINT "auth_requests_pkey" PRIMARY KEY ("request_id")
);
CREATE UNIQUE INDEX "auth_requests_auth_req_id_hash_key" ON "auth_requests"("auth_req_id_hash");
CREATE INDEX "auth_requests_expires_at_idx" ON "auth_requests"("expires_at");

-- CreateTable
CREATE TABLE "request_object_jtis" (
    "client_id" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "request_object_jtis_pkey" PRIMARY KEY ("client_id","jti")
);
CREATE INDEX "request_object_jtis_expires_at_idx" ON "request_object_jtis"("expires_at");

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
