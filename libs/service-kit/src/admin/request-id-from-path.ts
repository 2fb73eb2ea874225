import type { NextFunction, Request, Response } from 'express';

/** Operator-route step: `/{request_id}` (the internal id) into `res.locals.requestId`, as `requestIdFromQuery` sets it. */
export function requestIdFromPath(req: Request, res: Response, next: NextFunction): void {
  res.locals.requestId = String(req.params.request_id);
  next();
}
