import { randomUUID } from 'node:crypto';
import type { SigningKeys } from '../keys/signing-keys.ts';
import type { Confirmation } from './confirmation.ts';

/** The media type of our access tokens' `typ` header. @see https://www.rfc-editor.org/rfc/rfc9068#section-2.1 */
export const ACCESS_TOKEN_TYP = 'at+jwt';

export interface AccessTokenInput {
  issuer: string;
  clientId: string;
  sub: string;
  scope: string;
  authTime: Date;
  acr?: string;
  /** Seconds. */
  ttl: number;
  now: Date;
  /** The key the token is bound to (RFC 7800 `cnf`). */
  cnf?: Confirmation;
}

export interface MintedAccessToken {
  token: string;
  jti: string;
  /** Seconds since the epoch. */
  exp: number;
}

/**
 * An RFC 9068 JWT access token, RS256, `typ: at+jwt`. Its audience is the issuer: the only resource
 * this server protects is its own UserInfo endpoint, which may live at another public URL when the
 * services run apart, while the issuer stays one stable identifier.
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.2
 */
export async function mintAccessToken(keys: SigningKeys, input: AccessTokenInput): Promise<MintedAccessToken> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const exp = iat + input.ttl;
  const jti = randomUUID();
  const payload = {
    iss: input.issuer,
    exp,
    aud: input.issuer,
    sub: input.sub,
    client_id: input.clientId,
    iat,
    jti,
    scope: input.scope,
    auth_time: Math.floor(input.authTime.getTime() / 1000),
    ...(input.acr ? { acr: input.acr } : {}),
    ...(input.cnf ? { cnf: input.cnf } : {}),
  };
  return { token: await keys.sign(payload, { alg: 'RS256', typ: ACCESS_TOKEN_TYP }), jti, exp };
}
