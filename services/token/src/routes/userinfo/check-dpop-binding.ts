import type { NextFunction, Request, Response } from 'express';
import { InvalidDpopProof, InvalidToken } from '@ciba/contracts/oauth-errors';
import type { TokenContext } from '../../context.ts';
import type { AccessTokenClaims } from '../../domain/tokens/access-token-claims.ts';
import { atDpopResource, dpopChallenge } from '../../dpop/dpop-challenge.ts';
import { dpopProofsOf } from '../../dpop/dpop-proofs-of.ts';

const invalidToken = (description: string) => new InvalidToken(description, { headers: { 'WWW-Authenticate': dpopChallenge('invalid_token', description) } });

/**
 * The sender constraint of DPoP at UserInfo (RFC 9449 §7): a DPoP-bound token is accepted only in
 * the DPoP scheme, with a proof for this request (`htm`, `htu`, `ath` of the token, nonce when
 * required) by the key of its `cnf.jkt`; a bearer token is not accepted in the DPoP scheme.
 */
export function checkDpopBinding(ctx: TokenContext) {
  const htu = `${ctx.config.publicUrls.token}/userinfo`;
  return async (req: Request, res: Response, next: NextFunction) => {
    const jkt = (res.locals.claims as AccessTokenClaims).cnf?.jkt;
    if (res.locals.tokenScheme !== 'DPoP') {
      if (jkt) throw invalidToken('DPoP-bound access token must be sent with the DPoP authorization scheme');
      return next();
    }
    if (!jkt) throw invalidToken('access token is not DPoP-bound');
    const now = new Date();
    const nonce = ctx.dpop.nonce(now);
    if (nonce) res.set('DPoP-Nonce', nonce);
    const proofs = dpopProofsOf(req);
    if (proofs.length === 0) throw atDpopResource(new InvalidDpopProof('a DPoP proof is required with a DPoP-bound access token'));
    let proof;
    try {
      proof = await ctx.dpop.verify({ proofs, htm: req.method, htu, accessToken: res.locals.accessToken as string, now });
    } catch (err) {
      throw atDpopResource(err);
    }
    if (proof.jkt !== jkt) throw invalidToken('DPoP proof key does not match the access token binding');
    next();
  };
}
