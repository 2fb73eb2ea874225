import type { NextFunction, Request, Response } from 'express';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { grantOf } from './grant-of.ts';

/** Validates the grant's parameters against its schema; the parsed ones go on `res.locals.params`. */
export function checkGrantParameters(req: Request, res: Response, next: NextFunction): void {
  const body = req.body as Record<string, string>;
  const parsed = grantOf(res).parameters.safeParse(body);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0] ?? 'request');
    throw new InvalidRequest(body[name] ? `invalid parameter ${name}` : `missing required parameter ${name}`);
  }
  res.locals.params = parsed.data;
  next();
}
