import { propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';

/**
 * The trace context carried by `headers` (a message's headers, an outbox row's `trace_context`, a
 * stored one), on top of `base` (by default the root: a consumer's span continues the publisher's
 * trace, not whatever happened to be active). Nothing carried, or tracing off: `base` unchanged.
 */
export function contextOfHeaders(headers: Readonly<Record<string, string>> | null | undefined, base: Context = ROOT_CONTEXT): Context {
  if (!headers) return base;
  return propagation.extract(base, headers);
}
