import { createHash, timingSafeEqual } from 'node:crypto';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import type { ClientRecord } from '../domain/clients/client-record.ts';

/** Compared against when there is no stored hash, so an unknown client costs what a known one does. */
const NO_SECRET = Buffer.alloc(32);

/**
 * `client_secret_basic` / `client_secret_post`: the secret's SHA-256 against the stored one
 * (base64url), in constant time. Both sides are 32-byte digests, so nothing about the stored value
 * leaks through the length or the time taken.
 */
export function verifyClientSecret(client: ClientRecord | null, secret: string): void {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const stored = client?.clientSecretHash ? Buffer.from(client.clientSecretHash, 'base64url') : NO_SECRET;
  const ok = stored.length === presented.length && timingSafeEqual(presented, stored);
  if (!client || !client.clientSecretHash || !ok) throw new InvalidClient('client authentication failed');
}
