import type { NextFunction, Request, Response } from 'express';
import { InvalidDpopProof } from '@ciba/contracts/oauth-errors';
import type { TokenContext } from '../../context.ts';
import { dpopProofsOf } from '../../dpop/dpop-proofs-of.ts';
import { clientOf } from './client-of.ts';

/**
 * The token request's `DPoP` proof (RFC 9449 §5): when present it must hold (§4.3) and the tokens
 * get bound to its key, `res.locals.cnf.jkt`; when absent the client must not be registered with
 * `dpop_bound_access_tokens` (§5.2). Answers carry the current `DPoP-Nonce` when nonces are required.
 */
export function checkDpopProof(ctx: TokenContext) {
  const htu = `${ctx.config.publicUrls.token}/token`;
  return async (req: Request, res: Response, next: NextFunction) => {
    const now = new Date();
    const proofs = dpopProofsOf(req);
    if (proofs.length === 0) {
      if (clientOf(res).dpop_bound_access_tokens) throw new InvalidDpopProof('a DPoP proof is required: the client is registered with dpop_bound_access_tokens');
      return next();
    }
    const nonce = ctx.dpop.nonce(now);
    if (nonce) res.set('DPoP-Nonce', nonce);
    const proof = await ctx.dpop.verify({ proofs, htm: 'POST', htu, now });
    res.locals.cnf = { ...res.locals.cnf, jkt: proof.jkt };
    next();
  };
}
