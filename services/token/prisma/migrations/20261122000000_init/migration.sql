-- CreateEnum
CREATE TYPE "ciba_grant_status" AS ENUM ('pending', 'approved', 'denied', 'expired', 'redeemed');

-- CreateTable
CREATE TABLE "clients" (
    "client_id" TEXT NOT NULL,
    "client_secret_hash" TEXT,
    "client_name" TEXT,
    "token_endpoint_auth_method" TEXT NOT NULL,
    "grant_types" TEXT[],
    "scope" TEXT,
    "backchannel_token_delivery_mode" TEXT,
    "backchannel_client_notification_endpoint" TEXT,
    "backchannel_authentication_request_signing_alg" TEXT,
    "backchannel_user_code_parameter" BOOLEAN NOT NULL DEFAULT false,
    "id_token_signed_response_alg" TEXT NOT NULL DEFAULT 'RS256',
    "jwks" JSONB,
    "jwks_uri" TEXT,
    "metadata" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "clients_pkey" PRIMARY KEY ("client_id")
);

-- CreateTable
CREATE TABLE "client_assertion_jtis" (
    "client_id" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "client_assertion_jtis_pkey" PRIMARY KEY ("client_id","jti")
);
CREATE INDEX "client_assertion_jtis_expires_at_idx" ON "client_assertion_jtis"("expires_at");

-- CreateTable
CREATE TABLE "users" (
    "sub" TEXT NOT NULL,
    "claims" JSONB NOT NULL,
    "channels" JSONB NOT NULL,
    "user_code_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "users_pkey" PRIMARY KEY ("sub")
);

-- CreateTable
CREATE TABLE "user_login_hints" (
    "hint" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    CONSTRAINT "user_login_hints_pkey" PRIMARY KEY ("hint")
);
CREATE INDEX "user_login_hints_sub_idx" ON "user_login_hints"("sub");
ALTER TABLE "user_login_hints" ADD CONSTRAINT "user_login_hints_sub_fkey" FOREIGN KEY ("sub") REFERENCES "users"("sub") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "signing_keys" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "private_jwk" JSONB NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("kid")
);
CREATE INDEX "signing_keys_alg_active_idx" ON "signing_keys"("alg", "active");

-- CreateTable
CREATE TABLE "ciba_grants" (
    "auth_req_id_hash" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "acr_values" TEXT,
    "delivery_mode" TEXT NOT NULL,
    "interval" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ciba_grant_status" NOT NULL DEFAULT 'pending',
    "decided_at" TIMESTAMPTZ(3),
    "last_polled_at" TIMESTAMPTZ(3),
    "redeemed_at" TIMESTAMPTZ(3),
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "ciba_grants_pkey" PRIMARY KEY ("auth_req_id_hash")
);
CREATE UNIQUE INDEX "ciba_grants_request_id_key" ON "ciba_grants"("request_id");
CREATE INDEX "ciba_grants_status_expires_at_idx" ON "ciba_grants"("status", "expires_at");

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "token_hash" TEXT NOT NULL,
    "family_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "acr" TEXT,
    "auth_time" TIMESTAMPTZ(3) NOT NULL,
    "request_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("token_hash")
);
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens"("family_id");
CREATE INDEX "refresh_tokens_expires_at_idx" ON "refresh_tokens"("expires_at");

-- CreateTable
CREATE TABLE "revoked_access_tokens" (
    "jti" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "revoked_access_tokens_pkey" PRIMARY KEY ("jti")
);
CREATE INDEX "revoked_access_tokens_expires_at_idx" ON "revoked_access_tokens"("expires_at");

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
