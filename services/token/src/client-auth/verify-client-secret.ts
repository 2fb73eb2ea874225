import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { safeEqual, sha256 } from '@ciba/service-kit';
import type { ClientRecord } from '../domain/clients/client-record.ts';

/** `client_secret_basic` / `client_secret_post`: the secret's SHA-256 against the stored one, in constant time. */
export function verifyClientSecret(client: ClientRecord | null, secret: string): void {
  const presented = sha256(secret);
  const stored = client?.clientSecretHash ?? '';
  const ok = safeEqual(presented, stored);
  if (!client || !client.clientSecretHash || !ok) throw new InvalidClient('client authentication failed');
}
