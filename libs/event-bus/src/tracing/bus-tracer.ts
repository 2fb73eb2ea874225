import { trace, type Tracer } from '@opentelemetry/api';

/** The event bus' tracer (the no-op one until a tracer provider is registered). */
export function busTracer(): Tracer {
  return trace.getTracer('@ciba/event-bus');
}
