import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { adminCall, type SystemRef } from './ciba-fixture.ts';

/** The header the ingress of these tests forwards the client certificate in. */
export const CERT_HEADER = 'x-ssl-client-cert';

/** A system behind a "trusted ingress" at 127.0.0.1 (the tests themselves), with client_secret_jwt on. */
export const MTLS_TEST_ENV = {
  MTLS_CLIENT_CERT_HEADER: CERT_HEADER,
  MTLS_TRUSTED_PROXIES: '127.0.0.1/32,::1/128',
  CLIENT_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
};

export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/** A signing key pair of a client and its public JWK (with `kid`). */
export async function clientKey(alg: 'PS256' | 'ES256' | 'RS256' = 'PS256'): Promise<{ privateKey: CryptoKey; jwk: JWK; kid: string; alg: string }> {
  const pair = await generateKeyPair(alg, { extractable: true });
  const kid = randomBytes(4).toString('hex');
  return { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' }, kid, alg };
}

/** POST /register; answers status and body. */
export async function register(system: SystemRef, metadata: Record<string, unknown>): Promise<{ status: number; body: Record<string, any> }> {
  const res = await adminCall(system, 'POST', '/register', { grant_types: [CIBA_GRANT, 'refresh_token'], scope: 'openid profile email', ...metadata });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** POSTs a form, with the client certificate in the ingress header when given. */
export async function postForm(
  system: SystemRef,
  path: string,
  form: Record<string, string>,
  options: { certificate?: { header: string }; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, any>; headers: Headers }> {
  const res = await fetch(`${system.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.certificate ? { [CERT_HEADER]: options.certificate.header } : {}),
      ...options.headers,
    },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, headers: res.headers };
}

/** A signed JWT with the given claims (nothing added), header `{alg, kid, typ?}`. */
export function signJwt(claims: Record<string, unknown>, key: { privateKey: CryptoKey | Uint8Array; alg: string; kid?: string }, typ?: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, ...(key.kid ? { kid: key.kid } : {}), ...(typ ? { typ } : {}) }).sign(key.privateKey);
}

/** The claims of a client assertion (RFC 7523 §3) for `aud`, valid for a minute. */
export function assertionClaims(clientId: string, aud: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: clientId, sub: clientId, aud, jti: randomUUID(), iat: now, exp: now + 60, ...extra };
}

/** The form fields of a JWT client assertion. */
export const assertionForm = (assertion: string): Record<string, string> => ({
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: assertion,
});
