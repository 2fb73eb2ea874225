import { refreshTokenRepository } from '../../../../adapters/db/refresh-token-repository.ts';
import type { TokenContext } from '../../../../context.ts';
import type { RefreshTokenRecord } from '../../../../domain/grants/refresh-token-record.ts';
import type { NewRefreshToken } from '../../../../domain/tokens/refresh-token.ts';

/**
 * Rotation in one transaction: the presented token is marked used (conditionally, so only one of
 * two racing uses wins) and its successor joins the same family with the same scope (RFC 6749 §6).
 * False when the presented token was used meanwhile.
 */
export async function rotateRefreshToken(ctx: TokenContext, used: RefreshTokenRecord, next: NewRefreshToken, now: Date): Promise<boolean> {
  return ctx.db.$transaction(async (tx) => {
    const tokens = refreshTokenRepository(tx);
    if (!(await tokens.markUsed(used.tokenHash, now))) return false;
    await tokens.insert({
      tokenHash: next.tokenHash,
      familyId: used.familyId,
      clientId: used.clientId,
      sub: used.sub,
      scope: used.scope,
      acr: used.acr,
      authTime: used.authTime,
      requestId: used.requestId,
      expiresAt: next.expiresAt,
      dpopJkt: used.dpopJkt ?? null,
    });
    return true;
  });
}
