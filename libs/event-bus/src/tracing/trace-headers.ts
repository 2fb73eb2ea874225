import { context, propagation, type Context } from '@opentelemetry/api';

/**
 * The W3C trace context (`traceparent`, `tracestate`) of `ctx`, by default the active one, as
 * headers for a message or an HTTP call; undefined when there is none to carry (tracing off: the
 * no-op propagator writes nothing; or no span). Uses the global propagator, which the tracing setup
 * registers (service-kit `startTracing`).
 */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}
