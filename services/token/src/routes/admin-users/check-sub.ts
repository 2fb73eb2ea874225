import type { NextFunction, Request, Response } from 'express';
import { subject } from '@ciba/contracts/api/admin-users';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';

/** The `{sub}` path segment: 1–255 characters, no control characters. */
export const checkSub = () => (req: Request, res: Response, next: NextFunction) => {
  const parsed = subject.safeParse(req.params.sub);
  if (!parsed.success) throw new InvalidRequest(`sub is invalid: ${parsed.error.issues[0]!.message.toLowerCase()}`);
  res.locals.sub = parsed.data;
  next();
};
