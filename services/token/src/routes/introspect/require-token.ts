import type { NextFunction, Request, Response } from 'express';
import { introspectionRequest } from '@ciba/contracts/api/introspection';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';

/**
 * `token` is required, `token_type_hint` optional (RFC 7662 §2.1, RFC 7009 §2.1); the parsed
 * request goes on `res.locals.tokenRequest`.
 */
export function requireToken(req: Request, res: Response, next: NextFunction): void {
  const body = req.body as Record<string, string>;
  const parsed = introspectionRequest.safeParse(body);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0] ?? 'token');
    throw new InvalidRequest(body[name] ? `invalid parameter ${name}` : `missing required parameter ${name}`);
  }
  res.locals.tokenRequest = parsed.data;
  next();
}
