import type { NextFunction, Request, Response } from 'express';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { clientOf } from './client-of.ts';

/**
 * FAPI 1.0 Advanced §5.2.2-5 (FAPI-CIBA §5.2.2): a FAPI client's access tokens are always
 * sender-constrained, so a token request that settled no binding (`res.locals.cnf`: the client
 * certificate's `x5t#S256` or a DPoP proof's `jkt`) is refused before the grant is touched (an
 * approved `auth_req_id` stays redeemable by a proper request).
 */
export function requireSenderConstraint(_req: Request, res: Response, next: NextFunction): void {
  if (clientOf(res).security_profile === 'fapi-ciba' && res.locals.cnf === undefined) {
    throw new InvalidRequest('the fapi-ciba profile requires sender-constrained tokens: present the client certificate (mTLS) or a DPoP proof');
  }
  next();
}
