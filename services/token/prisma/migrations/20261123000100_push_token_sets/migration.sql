-- The token set the latest push of a request carried (CIBA Core §10.3): a retried push revokes it
-- before minting the next, so at most one set issued by push is ever valid.
CREATE TABLE "push_token_sets" (
    "request_id" UUID NOT NULL,
    "access_token_jti" TEXT NOT NULL,
    "access_token_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "refresh_family_id" UUID,
    "issued_count" INTEGER NOT NULL DEFAULT 1,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "push_token_sets_pkey" PRIMARY KEY ("request_id")
);
