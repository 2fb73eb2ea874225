import type { NextFunction, Request, Response } from 'express';
import type { TokenContext } from '../../context.ts';
import { clientCertificateOf } from './client-certificate-of.ts';

const param = (body: Record<string, string>, name: string) => body[name];

/**
 * Authenticates the client by its registered method (RFC 6749 §2.3, RFC 7523 §2.2, RFC 8705 §2) from
 * the header, the parsed form body and the client certificate the ingress forwarded; `path` is the
 * endpoint, accepted as a client assertion `aud`. Puts the client on `res.locals.client`; failures
 * answer 401 `invalid_client`.
 */
export function authenticateClient(ctx: TokenContext, path: string) {
  const endpoint = `${ctx.config.publicUrls.token}${path}`;
  const certificateOf = clientCertificateOf(ctx);
  return async (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as Record<string, string>;
    const certificate = certificateOf(req, res);
    res.locals.client = await ctx.directory.authenticateClient({
      authorization: req.headers.authorization,
      client_id: param(body, 'client_id'),
      client_secret: param(body, 'client_secret'),
      client_assertion_type: param(body, 'client_assertion_type'),
      client_assertion: param(body, 'client_assertion'),
      endpoint,
      ...(certificate ? { client_certificate: certificate.pem } : {}),
    });
    next();
  };
}
