import type { NextFunction, Request, Response } from 'express';
import { rotateKeysRequest } from '@ciba/contracts/api/admin-keys';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { jsonBody } from '@ciba/service-kit';

const parseJson = jsonBody(4096);

/** The optional JSON body of a rotation (`{"alg"?, "force"?}`) into `res.locals.rotate`; none: every algorithm. */
export const readRotateBody = () => async (req: Request, res: Response, next: NextFunction) => {
  const empty = req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
  if (empty) {
    res.locals.rotate = {};
    return next();
  }
  await parseJson(req, res, () => undefined);
  const parsed = rotateKeysRequest.safeParse(req.body);
  if (!parsed.success) throw new InvalidRequest(`rotation request is invalid: ${parsed.error.issues[0]!.path.join('.') || 'body'} ${parsed.error.issues[0]!.message.toLowerCase()}`);
  res.locals.rotate = parsed.data;
  next();
};
