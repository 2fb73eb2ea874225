import { Gauge } from 'prom-client';
import { boundedReading, COLLECT_TIMEOUT_MS } from './bounded-reading.ts';
import { metricsRegistry } from './metrics-registry.ts';
import { settleReadings, type ReadingSource } from './settle-readings.ts';
import { sharedRound } from './shared-round.ts';

/** What the outbox collector needs of a service's pool (its connections' `search_path` is the service's schema). */
export interface Queryable {
  query(text: string): Promise<{ rows: unknown[] }>;
}

interface OutboxReading {
  service: string;
  backlog: number;
  oldestAgeSeconds: number;
}

/** The backlog is counted up to this many rows (the count walks the unpublished-rows index). */
export const OUTBOX_BACKLOG_CAP = 100_000;

/**
 * Unpublished rows (up to the cap) and the age of the oldest, in the database's clock, on two index
 * scans of `outbox_events_unpublished_idx`: cheap while the relay keeps up, bounded when it does not.
 */
const READ_OUTBOX = `SELECT
  (SELECT count(*) FROM (SELECT 1 FROM "outbox_events" WHERE "published_at" IS NULL LIMIT ${OUTBOX_BACKLOG_CAP}) b)::int AS "backlog",
  COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - (SELECT "created_at" FROM "outbox_events" WHERE "published_at" IS NULL ORDER BY "seq" LIMIT 1)), 0)::float8 AS "age"`;

const sources = new Set<ReadingSource<OutboxReading>>();
const round = sharedRound(() => settleReadings('outbox', sources));

/** Readings of one service (two systems in one test process) merged: backlogs add up, the oldest age wins; NaN stays NaN. */
function merged(readings: OutboxReading[], pick: (r: OutboxReading) => number, merge: (a: number, b: number) => number): Map<string, number> {
  const byService = new Map<string, number>();
  for (const r of readings) byService.set(r.service, byService.has(r.service) ? merge(byService.get(r.service)!, pick(r)) : pick(r));
  return byService;
}

new Gauge({
  name: 'ciba_outbox_backlog',
  // Every worker of a cluster reads the same store: one reading, not their sum.
  aggregator: 'max',
  help: `Outbox rows not yet published, per owning service (counted up to ${OUTBOX_BACKLOG_CAP}; NaN when the database did not answer)`,
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
  async collect() {
    const readings = await round();
    this.reset();
    for (const [service, value] of merged(readings, (r) => r.backlog, (a, b) => a + b)) this.set({ service }, value);
  },
});

new Gauge({
  name: 'ciba_outbox_oldest_age_seconds',
  // Every worker of a cluster reads the same store: one reading, not their sum.
  aggregator: 'max',
  help: 'Age of the oldest unpublished outbox row, per owning service (0 when none; NaN when the database did not answer)',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
  async collect() {
    const readings = await round();
    this.reset();
    for (const [service, value] of merged(readings, (r) => r.oldestAgeSeconds, Math.max)) this.set({ service }, value);
  },
});

/**
 * Reports `service`'s outbox at every scrape (`ciba_outbox_backlog`, `ciba_outbox_oldest_age_seconds`)
 * through `pool`, each reading bounded by `timeoutMs`. Returns the function that stops reporting it.
 */
export function watchOutbox(service: string, pool: Queryable, timeoutMs = COLLECT_TIMEOUT_MS): () => void {
  const read = boundedReading(async () => {
    const { rows } = await pool.query(READ_OUTBOX);
    const row = rows[0] as { backlog: number; age: number };
    return { service, backlog: Number(row.backlog), oldestAgeSeconds: Number(row.age) };
  }, timeoutMs);
  const source: ReadingSource<OutboxReading> = { read, failed: () => ({ service, backlog: NaN, oldestAgeSeconds: NaN }) };
  sources.add(source);
  return () => void sources.delete(source);
}
