import { Counter } from 'prom-client';
import { metricsRegistry } from './metrics-registry.ts';

/** Scrape-time readings that failed or outlasted their timeout, by collector (`outbox`, `consumer_lag`, `queue`). */
export const collectErrors = new Counter({
  name: 'ciba_metrics_collect_errors_total',
  help: 'Scrape-time readings that failed or timed out (their samples are NaN in that scrape), by collector',
  labelNames: ['collector'] as const,
  registers: [metricsRegistry],
});
