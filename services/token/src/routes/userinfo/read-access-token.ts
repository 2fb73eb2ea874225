import type { NextFunction, Request, Response } from 'express';
import { InvalidRequest, InvalidToken } from '@ciba/contracts/oauth-errors';
import { bearerToken } from '@ciba/service-kit';

/**
 * The bearer token from the `Authorization` header (RFC 6750 §2.1) or, on POST, the form body's
 * `access_token` (§2.2); using both is `invalid_request` (§2). A request without one gets the bare
 * challenge (§3.1). The token goes on `res.locals.accessToken`.
 */
export function readAccessToken(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers.authorization;
  const fromBody = (req.body as Record<string, string> | undefined)?.access_token;
  if (header !== undefined && fromBody !== undefined) throw new InvalidRequest('the access token must be sent in one way only');
  if (header !== undefined) {
    const token = bearerToken(req);
    if (!token) throw new InvalidToken('authorization header must use the Bearer scheme');
    res.locals.accessToken = token;
  } else if (fromBody) {
    res.locals.accessToken = fromBody;
  } else {
    throw new InvalidToken('missing access token', { headers: { 'WWW-Authenticate': 'Bearer realm="ciba"' } });
  }
  next();
}
