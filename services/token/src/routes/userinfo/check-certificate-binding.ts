import type { NextFunction, Request, Response } from 'express';
import { InvalidToken } from '@ciba/contracts/oauth-errors';
import { clientCertificateReader } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import type { AccessTokenClaims } from '../../domain/tokens/access-token-claims.ts';

/**
 * RFC 8705 §3: a certificate-bound access token (`cnf.x5t#S256`) is accepted only with the very
 * certificate it is bound to, forwarded by a trusted ingress; otherwise 401 `invalid_token`. Tokens
 * without that binding pass (a DPoP binding, `cnf.jkt`, is the DPoP step's to check).
 * @see https://www.rfc-editor.org/rfc/rfc8705#section-3
 */
export function checkCertificateBinding(ctx: TokenContext) {
  const read = clientCertificateReader(ctx.config.mtls);
  return (req: Request, res: Response, next: NextFunction): void => {
    const bound = (res.locals.claims as AccessTokenClaims).cnf?.['x5t#S256'];
    if (bound !== undefined && read(req)?.thumbprint !== bound) {
      throw new InvalidToken('the access token is bound to a client certificate that was not presented');
    }
    next();
  };
}
