import type { NextFunction, Request, Response } from 'express';
import { InvalidRequest, UnsupportedGrantType } from '@ciba/contracts/oauth-errors';
import { GRANTS } from './grants/index.ts';

/** `grant_type` is required (RFC 6749 §4.1.3) and must be one we serve; the module goes on `res.locals.grant`. */
export function loadGrantType(req: Request, res: Response, next: NextFunction): void {
  const grantType = (req.body as Record<string, string>).grant_type;
  if (!grantType) throw new InvalidRequest('missing required parameter grant_type');
  const grant = GRANTS.get(grantType);
  if (!grant) throw new UnsupportedGrantType(`unsupported grant_type '${grantType.slice(0, 100)}'`);
  res.locals.grant = grant;
  next();
}
