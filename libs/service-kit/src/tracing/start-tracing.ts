import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '../config/tracing-config.ts';
import { samplerOf } from './sampler-of.ts';
import { setTracingStarted } from './tracing-state.ts';

/** A process's tracing, once started. */
export interface Tracing {
  enabled: boolean;
  /** Exports what is buffered, then unregisters the SDK (so a test can start it again). */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /**
   * Spans go here, one by one as they end, instead of to the OTLP collector; tracing is on whatever
   * `OTEL_TRACES_EXPORTER` says. For tests (sdk-trace-base's `InMemorySpanExporter`).
   */
  exporter?: SpanExporter;
}

/**
 * Turns tracing on for this process when `OTEL_TRACES_EXPORTER=otlp` (or an exporter is given): a
 * Node tracer provider (async-local context), the W3C trace-context propagator (`traceparent`,
 * `tracestate`), the configured sampler, and a batching OTLP/HTTP exporter. Off, it registers nothing:
 * every span and propagation call stays the API's no-op. Call once, first thing in a composition root.
 */
export function startTracing(config: TracingConfig, options: StartTracingOptions = {}): Tracing {
  if (!config.enabled && !options.exporter) return { enabled: false, shutdown: async () => {} };
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers, timeoutMillis: config.timeoutMs }));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ ...config.resourceAttributes, 'service.name': config.serviceName }),
    sampler: samplerOf(config),
    spanProcessors: [processor],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  setTracingStarted(true);
  return {
    enabled: true,
    async shutdown() {
      setTracingStarted(false);
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
