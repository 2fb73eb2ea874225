import type { Comparison } from './compare.ts';
import type { SustainedRate } from '../workloads/sustained-rate.ts';
import type { SummaryRow } from './summarize.ts';

export interface TargetResult {
  /** What issue 4 asks, in words (` [Kafka bus]` appended for ours over Kafka). */
  target: string;
  /** The measured value it is checked against (NaN when not measured). */
  measured: number;
  pass: boolean;
}

/**
 * The targets of issues 4 and 14 on this machine, for each instance of ours (bus, workers): throughput
 * ratios ours/peer (bc-authorize: the sustained rate), bc-authorize's p99, and its backlog drained
 * within 2 s of the load's end (measured: the drain in seconds; NaN when some prompt never came).
 */
const drainOf = (s: SustainedRate | undefined) => (s && s.acceptedPrompted >= s.accepted ? s.drainSeconds : Number.NaN);

export function checkTargets(rows: SummaryRow[], comparisons: Comparison[]): TargetResult[] {
  const systems = [...new Set(comparisons.map((c) => c.system))];
  return systems.flatMap((system) => {
    const cmp = (w: string) => comparisons.find((c) => c.workload === w && c.system === system)?.throughputRatio ?? Number.NaN;
    const ourBcP99 = rows.find((r) => r.workload === 'bc-authorize' && r.system === system)?.p99 ?? Number.NaN;
    const ourBc = rows.find((r) => r.workload === 'bc-authorize' && r.system === system);
    const suffix = system === 'ours' ? '' : system === 'ours-kafka' ? ' [Kafka bus]' : ` [${system}]`;
    const checks: Array<[string, number, (v: number) => boolean, boolean]> = [
      ['bc-authorize sustained req/s ≥ 1.5× oidc-provider', cmp('bc-authorize'), (v) => v >= 1.5, rows.some((r) => r.workload === 'bc-authorize')],
      ['bc-authorize p99 < 30 ms (ours)', ourBcP99, (v) => v < 30, rows.some((r) => r.workload === 'bc-authorize')],
      ['bc-authorize backlog drained ≤ 2 s after the load (ours), s', drainOf(ourBc?.sustained), (v) => v <= 2 && ourBc?.sustained?.drainedWithin2s === 1, ourBc?.sustained !== undefined],
      ['poll-pending req/s ≥ 2× oidc-provider', cmp('poll-pending'), (v) => v >= 2, rows.some((r) => r.workload === 'poll-pending')],
      ['full-flow (poll) flows/s ≥ 1.5× oidc-provider', cmp('full-flow:poll'), (v) => v >= 1.5, rows.some((r) => r.workload === 'full-flow:poll')],
    ];
    return checks.filter(([, , , ran]) => ran).map(([target, measured, ok]) => ({ target: `${target}${suffix}`, measured, pass: Number.isFinite(measured) && ok(measured) }));
  });
}
