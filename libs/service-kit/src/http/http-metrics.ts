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

type Series = { requests: ReturnType<typeof instruments.requests.labels>; duration: ReturnType<typeof instruments.duration.labels> };

/** The bound series of one label set, kept (a bounded set: route templates × methods × statuses × error codes): half the cost of labelling each time. */
const bound = new Map<string, Series>();

function seriesOf(route: string, method: string, status: string, error: string): Series {
  const service = serviceLabel.get();
  const key = `${service}\u0000${route}\u0000${method}\u0000${status}\u0000${error}`;
  let series = bound.get(key);
  if (!series) {
    series = { requests: instruments.requests.labels({ service, route, method, status, error }), duration: instruments.duration.labels({ service, route, method }) };
    bound.set(key, series);
  }
  return series;
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
      const series = seriesOf(routeOf(req, marked), METHODS.has(req.method) ? req.method : 'other', res.writableFinished ? String(res.statusCode) : 'aborted', marked[OAUTH_ERROR] ?? '');
      series.requests.inc();
      series.duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
