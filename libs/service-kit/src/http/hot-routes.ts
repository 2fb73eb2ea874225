import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { NotFound } from '@ciba/contracts/oauth-errors';
import type { Logger } from '../logger.ts';
import { errorHandler } from './error-handler.ts';
import { httpMetrics, recordRoute } from './http-metrics.ts';
import { traceRequests } from '../tracing/trace-requests.ts';

/**
 * A service's busiest endpoints by exact method and path (`'POST /token'`). Each is also mounted in
 * the service's router, which answers every spelling the exact key does not (a query string, a
 * trailing slash, another letter case) and every other method (405/404) as before.
 */
export type HotRoutes = Readonly<Record<`${string} /${string}`, RequestHandler>>;

export interface HotRoutesOptions {
  /** The app behind the hot routes: every request they do not take, and the prototypes `req`/`res` get. */
  app: Express;
  /** The logger the app's `finishApp` got: a failure on a hot route is logged and answered as there. */
  logger: Logger;
  routes: readonly HotRoutes[];
}

/**
 * The server's `'request'` listener: a request whose method and URL are exactly a key (no query
 * string) is served by its handler from node:http's event, without Express' router; anything else
 * goes to `app`. What the app does around a route is done here, with the same code: Express' request
 * and response prototypes (`req.is`, `res.set`…, as `app.handle` sets them), the trace span and the
 * metrics of `createApp` (`traceRequests`, `httpMetrics`) with the route's path as its template, and
 * the app's tail: `next(err)` (or a rejection) goes to the error middleware, a plain `next()`, which
 * no hot handler calls once it answered, to its 404.
 */
export function hotRoutes(options: HotRoutesOptions): RequestListener {
  const { app } = options;
  const byKey = new Map<string, RequestHandler>();
  for (const table of options.routes) {
    for (const [key, handler] of Object.entries(table)) {
      if (byKey.has(key)) throw new Error(`hot route ${key} is claimed twice`);
      byKey.set(key, handler);
    }
  }
  const trace = traceRequests();
  const metrics = httpMetrics();
  const fail = errorHandler(options.logger);
  return (message: IncomingMessage, reply: ServerResponse) => {
    const handler = byKey.get(`${message.method} ${message.url}`);
    if (!handler) return void app(message, reply);
    const { req, res } = asExpress(app, message, reply);
    const done: NextFunction = (err?: unknown) => fail(err ?? new NotFound('no such endpoint'), req, res, () => undefined);
    const serve = () => {
      try {
        const result = handler(req, res, done) as unknown;
        if (typeof (result as PromiseLike<void> | undefined)?.then === 'function') (result as PromiseLike<void>).then(undefined, done);
      } catch (thrown) {
        done(thrown);
      }
    };
    res.locals.route = req.url; // the route's template, for the request's span (a literal path)
    recordRoute(res, req.url);
    trace(req, res, () => metrics(req, res, serve));
  };
}

/** What `app.handle` and its router give every request before the first middleware. */
function asExpress(app: Express, message: IncomingMessage, reply: ServerResponse): { req: Request; res: Response } {
  Object.setPrototypeOf(message, app.request);
  Object.setPrototypeOf(reply, app.response);
  const req = message as Request;
  const res = reply as Response;
  if (app.enabled('x-powered-by')) res.setHeader('X-Powered-By', 'Express');
  req.res = res;
  res.req = req;
  res.locals = Object.create(null) as Response['locals'];
  req.baseUrl = '';
  req.originalUrl = req.url;
  return { req, res };
}
