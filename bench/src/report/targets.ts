import type { Comparison } from './compare.ts';
import type { SummaryRow } from './summarize.ts';

export interface TargetResult {
  /** What issue 4 asks, in words (` [Kafka bus]` appended for ours over Kafka). */
  target: string;
  /** The measured value it is checked against (NaN when not measured). */
  measured: number;
  pass: boolean;
}

/** The targets of issue 4 on this machine: throughput ratios ours/peer and bc-authorize's p99, for each bus ours ran over. */
export function checkTargets(rows: SummaryRow[], comparisons: Comparison[]): TargetResult[] {
  const systems = [...new Set(comparisons.map((c) => c.system))];
  return systems.flatMap((system) => {
    const cmp = (w: string) => comparisons.find((c) => c.workload === w && c.system === system)?.throughputRatio ?? Number.NaN;
    const ourBcP99 = rows.find((r) => r.workload === 'bc-authorize' && r.system === system)?.p99 ?? Number.NaN;
    const suffix = system === 'ours-kafka' ? ' [Kafka bus]' : '';
    const checks: Array<[string, number, (v: number) => boolean, boolean]> = [
      ['bc-authorize req/s ≥ 1.5× oidc-provider', cmp('bc-authorize'), (v) => v >= 1.5, rows.some((r) => r.workload === 'bc-authorize')],
      ['bc-authorize p99 < 30 ms (ours)', ourBcP99, (v) => v < 30, rows.some((r) => r.workload === 'bc-authorize')],
      ['poll-pending req/s ≥ 2× oidc-provider', cmp('poll-pending'), (v) => v >= 2, rows.some((r) => r.workload === 'poll-pending')],
      ['full-flow (poll) flows/s ≥ 1.5× oidc-provider', cmp('full-flow:poll'), (v) => v >= 1.5, rows.some((r) => r.workload === 'full-flow:poll')],
    ];
    return checks.filter(([, , , ran]) => ran).map(([target, measured, ok]) => ({ target: `${target}${suffix}`, measured, pass: Number.isFinite(measured) && ok(measured) }));
  });
}
