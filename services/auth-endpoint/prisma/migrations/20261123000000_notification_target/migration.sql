-- Ping and push callbacks (CIBA Core §10.2, §10.3) carry the auth_req_id itself, so the notifier must
-- be able to learn it: kept for ping and push requests only. Poll requests keep only its SHA-256.
ALTER TABLE "auth_requests" ADD COLUMN "auth_req_id" TEXT;
