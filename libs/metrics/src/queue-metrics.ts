import { Gauge } from 'prom-client';
import { boundedReading, COLLECT_TIMEOUT_MS } from './bounded-reading.ts';
import { metricsRegistry } from './metrics-registry.ts';
import { settleReadings, type ReadingSource } from './settle-readings.ts';
import { sharedRound } from './shared-round.ts';

/** The BullMQ job states reported. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

interface QueueReading {
  queue: string;
  counts: Record<string, number>;
}

const sources = new Set<ReadingSource<QueueReading>>();
const round = sharedRound(() => settleReadings('queue', sources));

new Gauge({
  name: 'ciba_queue_jobs',
  // Every worker of a cluster reads the same store: one reading, not their sum.
  aggregator: 'max',
  help: 'BullMQ jobs per queue and state (read from Redis at scrape time; NaN when it did not answer)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    const readings = await round();
    this.reset();
    const totals = new Map<string, { queue: string; state: string; value: number }>();
    for (const { queue, counts } of readings) {
      for (const state of QUEUE_STATES) {
        const key = `${queue}\u0000${state}`;
        const value = counts[state] ?? 0;
        const seen = totals.get(key);
        totals.set(key, { queue, state, value: seen ? seen.value + value : value });
      }
    }
    for (const { queue, state, value } of totals.values()) this.set({ queue, state }, value);
  },
});

/**
 * Reports `queue`'s jobs per state at every scrape (`ciba_queue_jobs`) with `counts` (BullMQ's
 * `getJobCounts(...QUEUE_STATES)`), bounded by `timeoutMs`. Returns the function that stops reporting it.
 */
export function watchQueue(queue: string, counts: () => Promise<Record<string, number>>, timeoutMs = COLLECT_TIMEOUT_MS): () => void {
  const source: ReadingSource<QueueReading> = {
    read: boundedReading(async () => ({ queue, counts: await counts() }), timeoutMs),
    failed: () => ({ queue, counts: Object.fromEntries(QUEUE_STATES.map((state) => [state, NaN])) }),
  };
  sources.add(source);
  return () => void sources.delete(source);
}
