import type { NextFunction, Request, Response } from 'express';
import type { TokenContext } from '../../context.ts';
import type { Confirmation } from '../../domain/tokens/confirmation.ts';
import { clientCertificateOf } from './client-certificate-of.ts';
import { clientOf } from './client-of.ts';

/**
 * RFC 8705 §3: a client that registered `tls_client_certificate_bound_access_tokens` and calls with a
 * client certificate gets its access token bound to that certificate (`cnf.x5t#S256`, added to
 * `res.locals.cnf` beside a DPoP `jkt` the DPoP step may add).
 */
export function bindToCertificate(ctx: TokenContext) {
  const certificateOf = clientCertificateOf(ctx);
  return (req: Request, res: Response, next: NextFunction): void => {
    const certificate = certificateOf(req, res);
    if (certificate && clientOf(res).tls_client_certificate_bound_access_tokens) {
      res.locals.cnf = { ...(res.locals.cnf as Confirmation | undefined), 'x5t#S256': certificate.thumbprint } satisfies Confirmation;
    }
    next();
  };
}
