import { loadConfig } from './load-config.ts';
import { tracingEnv, type TracingEnv } from './tracing-env.ts';

/** The settled tracing configuration (`tracingEnv`). */
export interface TracingConfig {
  /** False: `OTEL_TRACES_EXPORTER=none`, nothing is set up. */
  enabled: boolean;
  serviceName: string;
  resourceAttributes: Record<string, string>;
  /** The traces URL of the OTLP/HTTP collector. */
  tracesUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  sampler: TracingEnv['OTEL_TRACES_SAMPLER'];
  samplerRatio: number;
}

/** `key=value,key=value`, values percent-decoded (the OpenTelemetry list format). */
function keyValues(list: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of list ? list.split(',') : []) {
    const at = pair.indexOf('=');
    const value = pair.slice(at + 1).trim();
    try {
      out[pair.slice(0, at).trim()] = decodeURIComponent(value);
    } catch {
      out[pair.slice(0, at).trim()] = value; // not percent-encoded after all
    }
  }
  return out;
}

/** Parses the `OTEL_*` variables; `serviceName` is the `service.name` when `OTEL_SERVICE_NAME` is unset. */
export function loadTracingConfig(env: NodeJS.ProcessEnv, serviceName: string): TracingConfig {
  const parsed = loadConfig(tracingEnv, env);
  const base = (parsed.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318').replace(/\/+$/, '');
  return {
    enabled: parsed.OTEL_TRACES_EXPORTER === 'otlp',
    serviceName: parsed.OTEL_SERVICE_NAME ?? serviceName,
    resourceAttributes: keyValues(parsed.OTEL_RESOURCE_ATTRIBUTES),
    tracesUrl: parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${base}/v1/traces`,
    headers: keyValues(parsed.OTEL_EXPORTER_OTLP_HEADERS),
    timeoutMs: parsed.OTEL_EXPORTER_OTLP_TIMEOUT,
    sampler: parsed.OTEL_TRACES_SAMPLER,
    samplerRatio: parsed.OTEL_TRACES_SAMPLER_ARG ?? 1,
  };
}
