import { Counter } from 'prom-client';
import { metricsRegistry } from './metrics-registry.ts';

/**
 * Requests each worker of an all-in-one cluster (`CIBA_WORKERS` > 1) answered, by its slot
 * (1…N; a replaced worker takes its predecessor's slot): how the shared socket spreads the load.
 */
export const workerRequests = new Counter({
  name: 'ciba_worker_http_requests_total',
  help: 'HTTP requests on the public port answered by each worker of an all-in-one cluster, by worker slot',
  labelNames: ['worker'] as const,
  registers: [metricsRegistry],
});
