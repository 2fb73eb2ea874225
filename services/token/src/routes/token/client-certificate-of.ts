import type { Request, Response } from 'express';
import { clientCertificateReader, type ClientCertificate } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';

/**
 * The client certificate of the request (from a trusted ingress only, see `clientCertificateReader`),
 * read once per request and kept on `res.locals.clientCertificate`.
 */
export function clientCertificateOf(ctx: TokenContext): (req: Request, res: Response) => ClientCertificate | undefined {
  const read = clientCertificateReader(ctx.config.mtls);
  return (req, res) => {
    if (!('clientCertificate' in res.locals)) res.locals.clientCertificate = read(req);
    return res.locals.clientCertificate as ClientCertificate | undefined;
  };
}
