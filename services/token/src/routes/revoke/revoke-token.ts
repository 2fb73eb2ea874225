import { OAuthError } from '@ciba/contracts/oauth-errors';
import { sha256 } from '@ciba/service-kit';
import { refreshTokenRepository } from '../../adapters/db/refresh-token-repository.ts';
import { revokedTokenRepository } from '../../adapters/db/revoked-token-repository.ts';
import type { TokenContext } from '../../context.ts';
import { verifyAccessToken } from '../../domain/tokens/verify-access-token.ts';
import { tokenKinds, type TokenKind } from '../introspect/token-kinds.ts';

/** Revokes the client's refresh token and its whole family; true when the token was one of ours. */
async function revokeRefreshToken(ctx: TokenContext, token: string, clientId: string, now: Date): Promise<boolean> {
  const tokens = refreshTokenRepository(ctx.db);
  const record = await tokens.findByHash(sha256(token));
  if (!record) return false;
  if (record.clientId === clientId) await tokens.revokeFamily(record.familyId, now);
  return true;
}

/** Records the client's unexpired access token's `jti` as revoked until it would expire. */
async function revokeAccessToken(ctx: TokenContext, token: string, clientId: string): Promise<boolean> {
  if (token.split('.').length !== 3) return false;
  const revoked = revokedTokenRepository(ctx.db);
  try {
    const claims = await verifyAccessToken({ keys: ctx.keys, issuer: ctx.config.issuer, isRevoked: async () => false }, token);
    if (claims.client_id === clientId) await revoked.revoke(claims.jti, new Date(claims.exp * 1000));
    return true;
  } catch (err) {
    if (err instanceof OAuthError) return false;
    throw err;
  }
}

/**
 * RFC 7009 §2.1: revokes the token if it is the caller's; unknown, invalid, expired or other
 * clients' tokens are silently ignored (the answer is 200 either way, §2.2).
 */
export async function revokeToken(ctx: TokenContext, token: string, hint: string | undefined, clientId: string): Promise<void> {
  const revokers: Record<TokenKind, () => Promise<boolean>> = {
    access_token: () => revokeAccessToken(ctx, token, clientId),
    refresh_token: () => revokeRefreshToken(ctx, token, clientId, new Date()),
  };
  for (const kind of tokenKinds(hint)) if (await revokers[kind]()) return;
}
