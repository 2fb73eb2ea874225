import type { NextFunction, Request, Response } from 'express';
import { formBody } from '@ciba/service-kit';

const parseForm = formBody();

/**
 * POST /userinfo may carry the access token in a form body (RFC 6750 §2.2) or only in the header;
 * a form body is parsed (strictly), anything else leaves `req.body` empty.
 */
export function optionalFormBody(req: Request, res: Response, next: NextFunction) {
  if (req.is('application/x-www-form-urlencoded')) return parseForm(req, res, next);
  req.body = {};
  next();
}
