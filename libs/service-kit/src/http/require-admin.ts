import type { NextFunction, Request, Response } from 'express';
import { Unauthorized } from '@ciba/contracts/oauth-errors';
import { safeEqual } from '../crypto/safe-equal.ts';
import { bearerToken } from './bearer-token.ts';

/** Guards `/admin/*` (and `/register`): the bearer token must equal `ADMIN_TOKEN`, compared in constant time. */
export function requireAdmin(adminToken: string, error: () => Error = () => new Unauthorized('missing or invalid admin token', { headers: { 'WWW-Authenticate': 'Bearer realm="ciba-admin"' } })) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token || !safeEqual(token, adminToken)) throw error();
    next();
  };
}
