import type { NextFunction, Request, Response } from 'express';

/** Token-bearing answers are never cached (RFC 6749 §5.1, RFC 7662 §2.2), errors included. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  next();
}
