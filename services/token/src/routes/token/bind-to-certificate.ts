import type { NextFunction, Request, Response } from 'express';
import type { TokenContext } from '../../context.ts';
import type { SenderConstraint } from '../../domain/tokens/sender-constraint.ts';
import { clientCertificateOf } from './client-certificate-of.ts';
import { clientOf } from './client-of.ts';

/**
 * RFC 8705 §3: a client that registered `tls_client_certificate_bound_access_tokens` and calls with a
 * client certificate gets its access token bound to that certificate (`cnf.x5t#S256`). A binding an
 * earlier step settled (DPoP) is kept. The binding goes on `res.locals.senderConstraint`.
 */
export function bindToCertificate(ctx: TokenContext) {
  const certificateOf = clientCertificateOf(ctx);
  return (req: Request, res: Response, next: NextFunction): void => {
    const certificate = certificateOf(req, res);
    if (res.locals.senderConstraint === undefined && certificate && clientOf(res).tls_client_certificate_bound_access_tokens) {
      res.locals.senderConstraint = { 'x5t#S256': certificate.thumbprint } satisfies SenderConstraint;
    }
    next();
  };
}
