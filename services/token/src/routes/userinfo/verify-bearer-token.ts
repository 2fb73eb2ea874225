import type { NextFunction, Request, Response } from 'express';
import { revokedTokenRepository } from '../../adapters/db/revoked-token-repository.ts';
import type { TokenContext } from '../../context.ts';
import { verifyAccessToken } from '../../domain/tokens/verify-access-token.ts';

/** Verifies the access token (ours, `at+jwt`, unexpired, unrevoked); its claims go on `res.locals.claims`. */
export function verifyBearerToken(ctx: TokenContext) {
  const revoked = revokedTokenRepository(ctx.db);
  return async (_req: Request, res: Response, next: NextFunction) => {
    res.locals.claims = await verifyAccessToken(
      { keys: ctx.keys, issuer: ctx.config.issuer, isRevoked: (jti) => revoked.isRevoked(jti) },
      res.locals.accessToken as string,
    );
    next();
  };
}
