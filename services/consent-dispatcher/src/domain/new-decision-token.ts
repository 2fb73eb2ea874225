import { randomToken, sha256 } from '@ciba/service-kit';

/** A fresh decision token (256 random bits) and the SHA-256 that is all the database keeps of it. */
export function newDecisionToken(): { token: string; hash: string } {
  const token = randomToken(32);
  return { token, hash: sha256(token) };
}
