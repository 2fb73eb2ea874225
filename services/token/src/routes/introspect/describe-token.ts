import type { IntrospectionResponse } from '@ciba/contracts/api/introspection';
import { OAuthError } from '@ciba/contracts/oauth-errors';
import { sha256 } from '@ciba/service-kit';
import { refreshTokenRepository } from '../../adapters/db/refresh-token-repository.ts';
import { revokedTokenRepository } from '../../adapters/db/revoked-token-repository.ts';
import type { TokenContext } from '../../context.ts';
import { verifyAccessToken } from '../../domain/tokens/verify-access-token.ts';
import { tokenKinds } from './token-kinds.ts';

const INACTIVE: IntrospectionResponse = { active: false };
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const looksLikeJwt = (token: string) => token.split('.').length === 3;

async function describeAccessToken(ctx: TokenContext, token: string, clientId: string): Promise<IntrospectionResponse | null> {
  if (!looksLikeJwt(token)) return null;
  const revoked = revokedTokenRepository(ctx.db);
  try {
    const claims = await verifyAccessToken({ keys: ctx.keys, issuer: ctx.config.issuer, isRevoked: (jti) => revoked.isRevoked(jti) }, token);
    if (claims.client_id !== clientId) return INACTIVE;
    const { scope, client_id, sub, exp, iat, iss, jti, aud, cnf } = claims;
    // RFC 9449 §6.2: a DPoP-bound token is introspected as token_type DPoP with its cnf.jkt.
    return { active: true, scope, client_id, sub, exp, iat, iss, token_type: cnf?.jkt ? 'DPoP' : 'Bearer', jti, aud, ...(cnf ? { cnf } : {}) };
  } catch (err) {
    if (err instanceof OAuthError) return INACTIVE;
    throw err;
  }
}

async function describeRefreshToken(ctx: TokenContext, token: string, clientId: string, now: Date): Promise<IntrospectionResponse | null> {
  const record = await refreshTokenRepository(ctx.db).findByHash(sha256(token));
  if (!record) return null;
  if (record.clientId !== clientId || record.usedAt || record.revokedAt || record.expiresAt <= now) return INACTIVE;
  return {
    active: true,
    scope: record.scope,
    client_id: record.clientId,
    sub: record.sub,
    exp: seconds(record.expiresAt),
    iat: seconds(record.createdAt),
    iss: ctx.config.issuer,
    token_type: 'refresh_token',
    ...(record.dpopJkt ? { cnf: { jkt: record.dpopJkt } } : {}),
  };
}

/**
 * What RFC 7662 §2.2 lets the caller know of a token: everything when it is active and the caller's
 * own, `{ active: false }` and nothing else in every other case.
 */
export async function describeToken(ctx: TokenContext, token: string, hint: string | undefined, clientId: string): Promise<IntrospectionResponse> {
  for (const kind of tokenKinds(hint)) {
    const described = kind === 'access_token' ? await describeAccessToken(ctx, token, clientId) : await describeRefreshToken(ctx, token, clientId, new Date());
    if (described) return described;
  }
  return INACTIVE;
}
