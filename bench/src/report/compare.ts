import { ratio } from '../stats/ratio.ts';
import type { SummaryRow } from './summarize.ts';

/** Ours against the peer on one workload. */
export interface Comparison {
  workload: string;
  /** ours / peer of the median throughput (NaN when either is missing). */
  throughputRatio: number;
  /** ours / peer of the median p99 latency (below 1 is better). */
  p99Ratio: number;
  /** ours / peer of the server process's CPU seconds per operation (below 1 is better). */
  cpuPerOpRatio: number;
}

/**
 * Pairs each workload's rows of ours and of the peer. A full-flow mode the peer was not run in
 * (ping, push) is compared with the peer's poll flow, the only mode it is measured in.
 */
export function compare(rows: SummaryRow[]): Comparison[] {
  const find = (workload: string, system: string) => rows.find((r) => r.workload === workload && r.system === system);
  const workloads = [...new Set(rows.map((r) => r.workload))];
  return workloads.map((workload) => {
    const ours = find(workload, 'ours');
    const peer = find(workload, 'oidc-provider') ?? (workload.startsWith('full-flow:') ? find('full-flow:poll', 'oidc-provider') : undefined);
    return {
      workload,
      throughputRatio: ratio(ours?.opsPerSec, peer?.opsPerSec),
      p99Ratio: ratio(ours?.p99, peer?.p99),
      cpuPerOpRatio: ratio(ours?.cpuPerOp.server, peer?.cpuPerOp.server),
    };
  });
}
