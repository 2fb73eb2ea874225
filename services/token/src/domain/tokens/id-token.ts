import type { SigningAlg, SigningKeys } from '../keys/signing-keys.ts';
import { halfHash } from './half-hash.ts';

/** CIBA Core §10.3.1 claims of ID tokens delivered in push mode. */
export const AUTH_REQ_ID_CLAIM = 'urn:openid:params:jwt:claim:auth_req_id';
export const RT_HASH_CLAIM = 'urn:openid:params:jwt:claim:rt_hash';

export interface IdTokenInput {
  issuer: string;
  clientId: string;
  sub: string;
  alg: SigningAlg;
  authTime: Date;
  acr?: string;
  /** Seconds. */
  ttl: number;
  now: Date;
  /** Hashed into `at_hash`. */
  accessToken: string;
  /** Push mode only (CIBA Core §10.3.1): the `auth_req_id` claim. */
  authReqId?: string;
  /** Push mode only: hashed into the `rt_hash` claim. */
  refreshToken?: string;
}

/**
 * An OpenID Connect ID token signed with the client's algorithm.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDToken
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.10.3.1
 */
export async function mintIdToken(keys: SigningKeys, input: IdTokenInput): Promise<string> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const payload = {
    iss: input.issuer,
    sub: input.sub,
    aud: input.clientId,
    exp: iat + input.ttl,
    iat,
    auth_time: Math.floor(input.authTime.getTime() / 1000),
    ...(input.acr ? { acr: input.acr } : {}),
    at_hash: halfHash(input.accessToken, input.alg),
    ...(input.authReqId ? { [AUTH_REQ_ID_CLAIM]: input.authReqId } : {}),
    ...(input.refreshToken ? { [RT_HASH_CLAIM]: halfHash(input.refreshToken, input.alg) } : {}),
  };
  return keys.sign(payload, { alg: input.alg, typ: 'JWT' });
}
