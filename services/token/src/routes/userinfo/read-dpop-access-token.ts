import type { NextFunction, Request, Response } from 'express';
import { InvalidRequest, InvalidToken } from '@ciba/contracts/oauth-errors';
import { dpopChallenge } from '../../dpop/dpop-challenge.ts';
import { readAccessToken } from './read-access-token.ts';

const DPOP_SCHEME = /^DPoP(?: |$)/i;
const DPOP_TOKEN = /^DPoP[ ]+([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * `Authorization: DPoP <token>` (RFC 9449 §7.1): the token goes on `res.locals.accessToken` and
 * `res.locals.tokenScheme` is `DPoP`; any other request is read as a bearer request (RFC 6750). A
 * request with no token at all is challenged for both schemes.
 */
export function readDpopAccessToken(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers.authorization?.trim();
  if (header === undefined && (req.body as Record<string, string> | undefined)?.access_token === undefined) {
    // RFC 9449 §7.2: a resource that takes both schemes challenges with both.
    throw new InvalidToken('missing access token', { headers: { 'WWW-Authenticate': `Bearer realm="ciba", ${dpopChallenge()}` } });
  }
  if (header === undefined || !DPOP_SCHEME.test(header)) return readAccessToken(req, res, next);
  if ((req.body as Record<string, string> | undefined)?.access_token !== undefined) throw new InvalidRequest('the access token must be sent in one way only');
  const token = DPOP_TOKEN.exec(header)?.[1];
  if (!token) {
    const description = 'authorization header must carry the access token after DPoP';
    throw new InvalidToken(description, { headers: { 'WWW-Authenticate': dpopChallenge('invalid_token', description) } });
  }
  res.locals.accessToken = token;
  res.locals.tokenScheme = 'DPoP';
  next();
}
