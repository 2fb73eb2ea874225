-- client_secret_jwt (OIDC Core §9): the server must compute the HMAC with the client secret itself, so
-- for clients registered with that method the secret is also kept sealed (AES-256-GCM under
-- CLIENT_SECRET_ENCRYPTION_KEY, the client_id as associated data). NULL for every other client, whose
-- secret stays SHA-256 only.
ALTER TABLE "clients" ADD COLUMN "client_secret_sealed" TEXT;
