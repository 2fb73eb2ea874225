import { createHmac, hkdfSync } from 'node:crypto';
import { randomToken, safeEqual, sha256 } from '@ciba/service-kit';

/** The CSRF HMAC key derived from a configured secret (all replicas agree), or random per process. */
export function csrfKey(secret: string | undefined): Uint8Array {
  const ikm = secret ?? randomToken(32);
  return new Uint8Array(hkdfSync('sha256', ikm, new Uint8Array(0), 'ciba device-approval csrf', 32));
}

function mac(key: Uint8Array, promptId: string, token: string, nonce: string): string {
  return createHmac('sha256', key).update(`${promptId}\0${sha256(token)}\0${nonce}`).digest('base64url');
}

/**
 * A CSRF token bound to the prompt and to its decision token (by hash): `<nonce>.<HMAC>`. Sent both
 * as a `SameSite=Strict` cookie and as a form field (signed double submit): a forged form has neither
 * the cookie nor a token this server signed for that prompt and decision token.
 */
export function issueCsrfToken(key: Uint8Array, promptId: string, token: string): string {
  const nonce = randomToken(16);
  return `${nonce}.${mac(key, promptId, token, nonce)}`;
}

/** Whether `csrf` was issued by `issueCsrfToken` for this prompt and decision token (constant-time). */
export function verifyCsrfToken(key: Uint8Array, promptId: string, token: string, csrf: string): boolean {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(csrf);
  return match !== null && safeEqual(match[2]!, mac(key, promptId, token, match[1]!));
}
