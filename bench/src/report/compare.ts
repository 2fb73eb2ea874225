import type { SutName } from '../args.ts';
import { ratio } from '../stats/ratio.ts';
import { headlineRate, type SummaryRow } from './summarize.ts';

/** One instance of ours against the peer on one workload. */
export interface Comparison {
  workload: string;
  /** Which of ours: `ours` (Redis Streams bus) or `ours-kafka`. */
  system: Exclude<SutName, 'oidc-provider'>;
  /** ours / peer of the median headline rate: bc-authorize's sustained rate, else ops/s (NaN when either is missing). */
  throughputRatio: number;
  /** ours / peer of the median answered operations per second (for bc-authorize: answered, prompted or not). */
  answeredRatio: number;
  /** ours / peer of the median p99 latency (below 1 is better). */
  p99Ratio: number;
  /** ours / peer of the server process's CPU seconds per operation (below 1 is better). */
  cpuPerOpRatio: number;
}

/**
 * Pairs each workload's rows of ours (each bus it ran over; `ours` when none ran) with the peer's. A
 * full-flow mode the peer was not run in (ping, push) is compared with the peer's poll flow, the only
 * mode it is measured in.
 */
export function compare(rows: SummaryRow[]): Comparison[] {
  const find = (workload: string, system: string) => rows.find((r) => r.workload === workload && r.system === system);
  const workloads = [...new Set(rows.map((r) => r.workload))];
  const present = [...new Set(rows.map((r) => r.system))].filter((s): s is Comparison['system'] => s !== 'oidc-provider');
  const ourSystems = present.length > 0 ? present : (['ours'] as const);
  return workloads.flatMap((workload) => {
    const peer = find(workload, 'oidc-provider') ?? (workload.startsWith('full-flow:') ? find('full-flow:poll', 'oidc-provider') : undefined);
    return ourSystems.map((system) => {
      const ours = find(workload, system);
      return {
        workload,
        system,
        throughputRatio: ratio(headlineRate(ours), headlineRate(peer)),
        answeredRatio: ratio(ours?.opsPerSec, peer?.opsPerSec),
        p99Ratio: ratio(ours?.p99, peer?.p99),
        cpuPerOpRatio: ratio(ours?.cpuPerOp.server, peer?.cpuPerOp.server),
      };
    });
  });
}
