-- Signing-key rotation with overlap, and private keys encrypted at rest.
-- state: 'next' (published in the JWKS, not signing yet), 'active' (signs), 'retired' (published and
-- verifying until publish_until, when every token it signed has expired; then deleted).
-- private_jwe: the private JWK wrapped by the key-encryption key (compact JWE); private_jwk holds it in
-- clear only where no key-encryption key is configured (development), and is cleared once wrapped.
ALTER TABLE "signing_keys"
    ADD COLUMN "state" TEXT NOT NULL DEFAULT 'active',
    ADD COLUMN "activated_at" TIMESTAMPTZ(3),
    ADD COLUMN "retired_at" TIMESTAMPTZ(3),
    ADD COLUMN "publish_until" TIMESTAMPTZ(3),
    ADD COLUMN "private_jwe" TEXT,
    ALTER COLUMN "private_jwk" DROP NOT NULL;

UPDATE "signing_keys"
   SET "state" = CASE WHEN "active" THEN 'active' ELSE 'retired' END,
       "activated_at" = "created_at",
       "retired_at" = CASE WHEN "active" THEN NULL ELSE CURRENT_TIMESTAMP END,
       "publish_until" = CASE WHEN "active" THEN NULL ELSE CURRENT_TIMESTAMP + INTERVAL '1 day' END;

DROP INDEX "signing_keys_alg_active_idx";
ALTER TABLE "signing_keys" DROP COLUMN "active";
CREATE INDEX "signing_keys_alg_state_idx" ON "signing_keys"("alg", "state");
