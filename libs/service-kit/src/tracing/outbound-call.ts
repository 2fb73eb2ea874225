import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { httpTracer } from './http-tracer.ts';
import { traceCarrier } from './trace-carrier.ts';

/**
 * One outbound HTTP call in a CLIENT span named `POST <target>` (`target` names the kind of
 * receiver, `client-notification`, `device-webhook`, never its URL, which is someone's address).
 * `send` gets the W3C headers to add to its request (`traceparent`, `tracestate`; none while tracing
 * is off) and resolves with the HTTP status, or an object with it; the span records the status, and
 * a failure to get one as an error named by class only.
 */
export async function outboundCall<R extends number | { status: number }>(target: string, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
  const span = httpTracer().startSpan(`POST ${target}`, { kind: SpanKind.CLIENT });
  if (!trace.isSpanContextValid(span.spanContext())) return send({});
  const ctx = trace.setSpan(context.active(), span);
  try {
    const result = await context.with(ctx, () => send(traceCarrier(ctx) ?? {}));
    const status = typeof result === 'number' ? result : result.status;
    span.setAttributes({ 'http.request.method': 'POST', 'http.response.status_code': status });
    if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    return result;
  } catch (err) {
    span.setAttributes({ 'http.request.method': 'POST', 'error.type': err instanceof Error ? err.name : 'Error' });
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
    throw err;
  } finally {
    span.end();
  }
}
