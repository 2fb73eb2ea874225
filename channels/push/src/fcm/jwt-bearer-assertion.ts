import { importPKCS8, SignJWT, type CryptoKey } from 'jose';
import type { ServiceAccount } from './service-account.ts';

/** The scope of the FCM HTTP v1 API. */
export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/** Lifetime of one assertion: Google accepts at most an hour. */
const ASSERTION_SECONDS = 3600;

/**
 * Signs the JWT-bearer assertions (RFC 7523 §2.1) of one service account: RS256 with its private key,
 * `iss` the account, `scope` FCM, `aud` the token endpoint, `iat` now, `exp` an hour later. The key
 * is imported once.
 *
 * @see https://datatracker.ietf.org/doc/html/rfc7523#section-3
 */
export function jwtBearerAssertion(account: ServiceAccount): (nowMs: number) => Promise<string> {
  let key: Promise<CryptoKey> | undefined;
  return async (nowMs) => {
    key ??= importPKCS8(account.private_key, 'RS256');
    const iat = Math.floor(nowMs / 1000);
    return new SignJWT({ scope: FCM_SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(account.private_key_id ? { kid: account.private_key_id } : {}) })
      .setIssuer(account.client_email)
      .setAudience(account.token_uri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ASSERTION_SECONDS)
      .sign(await key);
  };
}
