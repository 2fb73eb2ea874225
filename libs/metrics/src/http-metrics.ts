import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry.ts';

/**
 * HTTP answers by route template (never the raw path: it may hold ids), method, status and the
 * OAuth error code sent (empty when none). Recorded by service-kit's `httpMetrics` middleware.
 */
export const httpMetrics = {
  requests: new Counter({
    name: 'ciba_http_requests_total',
    help: 'HTTP requests answered, by route template, method, status and OAuth error code',
    labelNames: ['service', 'route', 'method', 'status', 'error'] as const,
    registers: [metricsRegistry],
  }),
  duration: new Histogram({
    name: 'ciba_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer, by route template and method',
    labelNames: ['service', 'route', 'method'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metricsRegistry],
  }),
};
