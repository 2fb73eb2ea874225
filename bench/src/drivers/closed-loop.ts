import { percentile } from '../stats/percentile.ts';
import { countKind, type LoadResult } from './load-result.ts';

export interface ClosedLoopOptions {
  virtualUsers: number;
  /** Seconds. */
  duration: number;
  /** One complete operation of virtual user `vu`; throws (with a short message) when it fails. */
  operation: (vu: number, seq: number) => Promise<void>;
}

/**
 * Closed-loop load: `virtualUsers` loops, each starting its next operation when the previous one ended,
 * until `duration` has passed. Operations still running then are awaited; they count as errors when
 * they fail, and not at all when they succeed late.
 */
export async function closedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  const end = start + options.duration * 1000;
  const loop = async (vu: number) => {
    for (let seq = 0; performance.now() < end; seq++) {
      const t0 = performance.now();
      try {
        await options.operation(vu, seq);
        const t1 = performance.now();
        if (t1 <= end) latencies.push(t1 - t0);
      } catch (err) {
        errors++;
        countKind(errorKinds, (err as Error).message.slice(0, 80));
      }
    }
  };
  await Promise.all(Array.from({ length: options.virtualUsers }, (_, vu) => loop(vu)));
  const seconds = options.duration;
  return {
    ok: latencies.length,
    errors,
    errorKinds,
    seconds,
    opsPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
