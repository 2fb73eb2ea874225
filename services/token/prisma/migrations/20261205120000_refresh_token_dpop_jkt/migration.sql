-- RFC 9449 §5: a refresh token issued to a DPoP token request is bound to the proof's key; a refresh
-- must then come with a proof by the same key. NULL: not bound (issued without a proof).
ALTER TABLE "refresh_tokens" ADD COLUMN "dpop_jkt" TEXT;
