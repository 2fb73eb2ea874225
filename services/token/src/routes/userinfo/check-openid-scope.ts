import type { NextFunction, Request, Response } from 'express';
import { InsufficientScope } from '@ciba/contracts/oauth-errors';
import { scopeValues } from '../../domain/grants/scope-values.ts';
import type { AccessTokenClaims } from '../../domain/tokens/access-token-claims.ts';

/** UserInfo serves OpenID Connect requests only: the token must carry `openid` (OIDC Core §5.3). */
export function checkOpenidScope(_req: Request, res: Response, next: NextFunction): void {
  const claims = res.locals.claims as AccessTokenClaims;
  if (!scopeValues(claims.scope).includes('openid')) {
    throw new InsufficientScope('the access token lacks the openid scope', { scope: 'openid' });
  }
  next();
}
