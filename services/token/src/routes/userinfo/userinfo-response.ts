import type { Request, Response } from 'express';
import { InvalidToken } from '@ciba/contracts/oauth-errors';
import type { TokenContext } from '../../context.ts';
import type { AccessTokenClaims } from '../../domain/tokens/access-token-claims.ts';
import { claimsForScope } from '../../domain/tokens/claims-for-scope.ts';

/** The user's claims the token's scope releases, `sub` always (OIDC Core §5.3.2). */
export function userinfoResponse(ctx: TokenContext) {
  return async (_req: Request, res: Response) => {
    const { sub, scope } = res.locals.claims as AccessTokenClaims;
    const claims = await ctx.directory.getUserClaims(sub);
    if (!claims) throw new InvalidToken('the end-user of this access token no longer exists');
    res.status(200).json(claimsForScope(sub, claims, scope));
  };
}
