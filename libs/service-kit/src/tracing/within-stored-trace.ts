import { context, propagation, ROOT_CONTEXT, trace, type Attributes, type Link } from '@opentelemetry/api';
import { httpTracer } from './http-tracer.ts';
import { recordError } from './record-error.ts';

/**
 * Runs `work` in a span of the trace stored with an auth request (its `trace_context`, captured when
 * `/bc-authorize` accepted it), so a later request about it, a device's decision or a client's poll,
 * lands in that one trace: the span is a child of the stored context, and links to the span that was
 * active (the later request's own SERVER span, in the caller's trace). Without a stored context, or
 * with tracing off, `work` runs in a span of the active trace (or the no-op span). Attributes:
 * identifiers only.
 */
export async function withinStoredTrace<R>(stored: Readonly<Record<string, string>> | null | undefined, name: string, attributes: Attributes, work: () => Promise<R>): Promise<R> {
  const active = context.active();
  const current = trace.getSpanContext(active);
  const parent = stored ? propagation.extract(ROOT_CONTEXT, stored) : active;
  const joined = stored !== undefined && stored !== null && trace.getSpanContext(parent) !== undefined;
  const links: Link[] = joined && current && trace.isSpanContextValid(current) ? [{ context: current }] : [];
  const span = httpTracer().startSpan(name, { attributes, links }, joined ? parent : active);
  try {
    return await context.with(trace.setSpan(joined ? parent : active, span), work);
  } catch (err) {
    recordError(span, err);
    throw err;
  } finally {
    span.end();
  }
}
