import { trace } from '@opentelemetry/api';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { InvalidRequest, MethodNotAllowed, NotFound, OAuthError, PayloadTooLarge, ServerError } from '@ciba/contracts/oauth-errors';
import type { Logger } from '../logger.ts';
import { recordOAuthError } from './http-metrics.ts';
import { sendJson } from './send-json.ts';
import { recordError } from '../tracing/record-error.ts';

/** Sends an OAuth error: `{ error, error_description }`, its headers, and `Cache-Control: no-store`. */
export function sendOAuthError(res: Response, err: OAuthError): void {
  recordOAuthError(res, err.error);
  sendJson(res, err.status, err.toJSON(), { ...err.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

/**
 * Answers an exposed (4xx) OAuth error, as the error middleware does, and says so; anything else
 * (a 5xx, an unknown failure) is left for the error middleware, which logs it.
 */
export function answeredOAuthError(err: unknown, res: Response): boolean {
  if (!(err instanceof OAuthError) || err.status >= 500) return false;
  const span = trace.getActiveSpan();
  if (span) recordError(span, err);
  if (!res.headersSent) sendOAuthError(res, err);
  return true;
}

/** Maps errors raised by Express itself or by Node (body parser, malformed URI) to OAuth errors. */
function fromFrameworkError(err: unknown): OAuthError | undefined {
  const e = err as { status?: number; statusCode?: number; type?: string };
  const status = e?.status ?? e?.statusCode;
  if (status === 413) return new PayloadTooLarge();
  if (status === 404) return new NotFound();
  if (status === 405) return new MethodNotAllowed();
  if (typeof status === 'number' && status >= 400 && status < 500) return new InvalidRequest('malformed request');
  if (err instanceof URIError) return new InvalidRequest('malformed request URI');
  return undefined;
}

/**
 * The one error middleware of a service: exposed OAuth errors go out as they are; everything else
 * becomes a generic `server_error`, and only the log sees the cause. No stack trace reaches a client.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next) => {
    const known = err instanceof OAuthError ? err : fromFrameworkError(err);
    const span = trace.getActiveSpan();
    if (span) recordError(span, known ?? err);
    if (known && known.status < 500) {
      if (!res.headersSent) sendOAuthError(res, known);
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (!res.headersSent) sendOAuthError(res, known ?? new ServerError());
    else res.destroy();
  };
}

/** 404 for every route no service claimed. */
export function notFoundHandler() {
  return (_req: Request, _res: Response) => {
    throw new NotFound('no such endpoint');
  };
}
