import { context, propagation, type Context } from '@opentelemetry/api';

/**
 * The W3C trace context of `ctx` (by default the active one) as headers, `{ traceparent, tracestate? }`,
 * for an outbound call or to store with a record; undefined when there is none (tracing off, no span).
 */
export function traceCarrier(ctx: Context = context.active()): Record<string, string> | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}
