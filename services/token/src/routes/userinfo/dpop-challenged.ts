import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { atDpopResource } from '../../dpop/dpop-challenge.ts';

/** Runs `step`; in the DPoP scheme its OAuth errors answer with a `DPoP` challenge (RFC 9449 §7.1). */
export function dpopChallenged(step: RequestHandler): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await step(req, res, next);
    } catch (err) {
      throw res.locals.tokenScheme === 'DPoP' ? atDpopResource(err) : err;
    }
  };
}
