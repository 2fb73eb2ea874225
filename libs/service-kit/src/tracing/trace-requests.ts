import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpTracer } from './http-tracer.ts';
import { routeTemplateOf } from './route-template-of.ts';
import { tracingStarted } from './tracing-state.ts';

/** Probes: polled every few seconds by the orchestrator, they would bury the traces worth reading. */
const UNTRACED = new Set(['/healthz', '/readyz']);

/**
 * One SERVER span per request, continuing the caller's W3C trace context (`traceparent`,
 * `tracestate`), named `<METHOD> <route template>` once answered, with the template, method and
 * status only: never the path's ids, the query, headers or body. The rest of the request runs in
 * its context, so outbox rows, outbound calls and logs carry it. While tracing is off (`startTracing`
 * registered nothing) the request goes on untouched, without even the no-op API's calls.
 */
export function traceRequests(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!tracingStarted() || UNTRACED.has(req.path)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = httpTracer().startSpan(req.method, { kind: SpanKind.SERVER }, parent);
    if (!trace.isSpanContextValid(span.spanContext())) return next();
    res.once('close', () => {
      const route = routeTemplateOf(req, res);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.request.method': req.method, 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
