import { trace, type Tracer } from '@opentelemetry/api';

/** The tracer of HTTP served and sent, and of the spans joining an auth request's trace (the no-op one while tracing is off). */
export function httpTracer(): Tracer {
  return trace.getTracer('@ciba/service-kit');
}
