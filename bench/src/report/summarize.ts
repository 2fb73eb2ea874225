import type { SutName } from '../args.ts';
import { median } from '../stats/median.ts';
import { spread, type Spread } from '../stats/spread.ts';
import type { Sample } from '../workloads/sample.ts';

/** The rounds of one workload on one system, reduced to medians. */
export interface SummaryRow {
  workload: string;
  system: SutName;
  rounds: number;
  /** Median successful operations per second, and how far the rounds lie apart. */
  opsPerSec: number;
  spread: Spread;
  /** Median of the rounds' p50 and p99 latencies, ms. */
  p50: number;
  p99: number;
  /** Errors summed over the rounds, and their kinds. */
  errors: number;
  errorKinds: Record<string, number>;
  /** Median CPU seconds per operation, by process. */
  cpuPerOp: Record<string, number>;
  storePerOp: Record<string, number>;
  settleSeconds: number;
  /** Median cores busy per process while the load ran. */
  coresDuringLoad: Record<string, number>;
  extra: Record<string, number>;
}

function medianBy(samples: Sample[], pick: (s: Sample) => Record<string, number>): Record<string, number> {
  const keys = new Set(samples.flatMap((s) => Object.keys(pick(s))));
  return Object.fromEntries([...keys].map((k) => [k, median(samples.map((s) => pick(s)[k]).filter((v): v is number => v !== undefined && Number.isFinite(v)))]));
}

/** Groups samples by workload and system (in first-seen order) and reduces each group to medians. */
export function summarize(samples: Sample[]): SummaryRow[] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.workload}\u0000${s.system}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => {
    const errorKinds: Record<string, number> = {};
    for (const s of group) for (const [k, n] of Object.entries(s.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + n;
    const throughput = group.map((s) => s.opsPerSec);
    return {
      workload: group[0]!.workload,
      system: group[0]!.system,
      rounds: group.length,
      opsPerSec: median(throughput),
      spread: spread(throughput),
      p50: median(group.map((s) => s.p50)),
      p99: median(group.map((s) => s.p99)),
      errors: group.reduce((n, s) => n + s.errors, 0),
      errorKinds,
      cpuPerOp: medianBy(group, (s) => s.cpuPerOp),
      storePerOp: medianBy(group, (s) => s.storePerOp),
      settleSeconds: median(group.map((s) => s.settleSeconds)),
      coresDuringLoad: medianBy(group, (s) => s.coresDuringLoad),
      extra: medianBy(group, (s) => s.extra),
    };
  });
}
