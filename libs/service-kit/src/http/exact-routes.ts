import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { recordRoute } from './http-metrics.ts';

/**
 * A service's busiest endpoints by exact method and path (`'POST /token'`). Each is also mounted in
 * the service's router: this table only lets a request reach it without walking every router layer
 * mounted before it (in the all-in-one process, every other service's).
 */
export type ExactRoutes = Readonly<Record<`${string} /${string}`, RequestHandler>>;

/**
 * One middleware over `tables`: a request whose method and path are a key goes straight to that
 * handler; anything else (another path, another spelling express would still match, such as a
 * different letter case) goes on to the routers, which answer it as before.
 */
export function exactRoutes(...tables: ExactRoutes[]): RequestHandler {
  const byKey = new Map<string, RequestHandler>();
  for (const table of tables) {
    for (const [key, handler] of Object.entries(table)) {
      if (byKey.has(key)) throw new Error(`exact route ${key} is claimed twice`);
      byKey.set(key, handler);
    }
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const handler = byKey.get(`${req.method} ${req.path}`);
    if (handler) {
      res.locals.route = req.path; // the route's template, for the request's span (a literal path)
      recordRoute(res, req.path);
      handler(req, res, next);
    }
    else next();
  };
}
