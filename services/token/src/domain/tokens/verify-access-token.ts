import { errors } from 'jose';
import { InvalidToken } from '@ciba/contracts/oauth-errors';
import type { SigningKeys } from '../keys/signing-keys.ts';
import { ACCESS_TOKEN_TYP } from './access-token.ts';
import type { AccessTokenClaims } from './access-token-claims.ts';

export interface VerifyAccessTokenDeps {
  keys: SigningKeys;
  issuer: string;
  /** Whether the token's `jti` was revoked (RFC 7009). */
  isRevoked(jti: string): Promise<boolean>;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isConfirmation = (cnf: unknown) =>
  typeof cnf === 'object' && cnf !== null && !Array.isArray(cnf) && Object.values(cnf).length > 0 && Object.values(cnf).every(isString);
const isTyp = (typ: unknown) => typeof typ === 'string' && [ACCESS_TOKEN_TYP, `application/${ACCESS_TOKEN_TYP}`].includes(typ.toLowerCase());

/**
 * Verifies one of our access tokens (RFC 9068 §4): our signature, `typ: at+jwt` (an ID token is not
 * an access token), our issuer as `iss` and in `aud`, not expired, not revoked. Throws `InvalidToken`.
 */
export async function verifyAccessToken(deps: VerifyAccessTokenDeps, token: string): Promise<AccessTokenClaims> {
  let verified: Awaited<ReturnType<SigningKeys['verify']>>;
  try {
    verified = await deps.keys.verify(token);
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new InvalidToken('access token has expired');
    throw new InvalidToken('access token is invalid', { cause: err });
  }
  const { payload, protectedHeader } = verified;
  const aud = payload.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (
    !isTyp(protectedHeader.typ) ||
    payload.iss !== deps.issuer ||
    !audiences.includes(deps.issuer) ||
    !isString(payload.sub) ||
    !isString(payload.client_id) ||
    !isString(payload.jti) ||
    typeof payload.scope !== 'string' ||
    typeof payload.exp !== 'number' ||
    typeof payload.iat !== 'number' ||
    (payload.cnf !== undefined && !isConfirmation(payload.cnf))
  ) {
    throw new InvalidToken('access token is invalid');
  }
  if (await deps.isRevoked(payload.jti)) throw new InvalidToken('access token has been revoked');
  return payload as unknown as AccessTokenClaims;
}
