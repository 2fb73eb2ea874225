import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpMetrics as instruments, serviceLabel } from '@ciba/metrics';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const ROUTE = Symbol('ciba.metrics.route');
const OAUTH_ERROR = Symbol('ciba.metrics.oauth-error');

type Marked = Response & { [ROUTE]?: string; [OAUTH_ERROR]?: string };

/** Names the route template of a request answered outside a router (an exact route's path). */
export function recordRoute(res: Response, route: string): void {
  (res as Marked)[ROUTE] = route;
}

/** Names the OAuth error code of the answer; `sendOAuthError` calls it, so no body is parsed again. */
export function recordOAuthError(res: Response, error: string): void {
  (res as Marked)[OAUTH_ERROR] = error;
}

/**
 * The route template of an answered request: an exact route's path, or the matched route's
 * `baseUrl + path` (e.g. `/device/decisions/:prompt_id`), never the raw path (it may carry ids);
 * `unmatched` when no route took it (404s, requests refused before routing).
 */
function routeOf(req: Request, res: Marked): string {
  if (res[ROUTE]) return res[ROUTE];
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

/**
 * Counts and times every answer (`ciba_http_requests_total`, `ciba_http_request_duration_seconds`) by
 * route template, method (unknown methods as `other`), status and OAuth error code. A request whose
 * client went away before the answer ended is counted with status `aborted`.
 */
export function httpMetrics(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const marked = res as Marked;
      const labels = { service: serviceLabel.get(), route: routeOf(req, marked), method: METHODS.has(req.method) ? req.method : 'other' };
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      instruments.requests.inc({ ...labels, status, error: marked[OAUTH_ERROR] ?? '' });
      instruments.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
