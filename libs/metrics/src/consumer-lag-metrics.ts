import { Gauge } from 'prom-client';
import { boundedReading, COLLECT_TIMEOUT_MS } from './bounded-reading.ts';
import { metricsRegistry } from './metrics-registry.ts';
import { settleReadings, type ReadingSource } from './settle-readings.ts';
import { sharedRound } from './shared-round.ts';

/** One topic's lag for one group, as `EventBus.lag` answers it. */
export interface LagSample {
  topic: string;
  group: string;
  lag: number;
}

const sources = new Set<ReadingSource<LagSample[]>>();
const round = sharedRound(() => settleReadings('consumer_lag', sources));

new Gauge({
  name: 'ciba_consumer_lag',
  // Every worker of a cluster reads the same store: one reading, not their sum.
  aggregator: 'max',
  help: 'Messages a consumer group has not acknowledged yet, per topic (read from the broker at scrape time; NaN when it did not answer)',
  labelNames: ['topic', 'group'] as const,
  registers: [metricsRegistry],
  async collect() {
    const readings = await round();
    this.reset();
    const merged = new Map<string, LagSample>();
    for (const sample of readings.flat()) {
      const key = `${sample.topic}\u0000${sample.group}`;
      const seen = merged.get(key);
      // The same group read twice (two subscriptions of it in one process): one broker state, the larger answer.
      merged.set(key, seen ? { ...sample, lag: Math.max(seen.lag, sample.lag) } : sample);
    }
    for (const { topic, group, lag } of merged.values()) this.set({ topic, group }, lag);
  },
});

/**
 * Reports `group`'s lag on `topics` at every scrape (`ciba_consumer_lag`) with `read` (the bus' `lag`),
 * bounded by `timeoutMs`. Returns the function that stops reporting it.
 */
export function watchConsumerLag(group: string, topics: readonly string[], read: () => Promise<readonly LagSample[]>, timeoutMs = COLLECT_TIMEOUT_MS): () => void {
  const source: ReadingSource<LagSample[]> = {
    read: boundedReading(async () => [...(await read())], timeoutMs),
    failed: () => topics.map((topic) => ({ topic, group, lag: NaN })),
  };
  sources.add(source);
  return () => void sources.delete(source);
}
