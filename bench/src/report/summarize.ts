import type { SutName } from '../args.ts';
import { median } from '../stats/median.ts';
import { spread, type Spread } from '../stats/spread.ts';
import type { Sample } from '../workloads/sample.ts';
import type { SustainedRate } from '../workloads/sustained-rate.ts';
import type { Category } from '../profile/categorize-profile.ts';

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
  /** bc-authorize: medians of the rounds' sustained figures; `drainedWithin2s` is 1 only if every round drained. */
  sustained?: SustainedRate;
  /** --cpu-prof: medians of the rounds' category shares of the server's self time. */
  profileShares?: Record<Category, number>;
}

/** The headline rate of a row: bc-authorize's sustained rate where measured, else answered operations per second. */
export const headlineRate = (row: SummaryRow | undefined): number | undefined => row?.sustained?.perSec ?? row?.opsPerSec;

function sustainedOf(group: Sample[]): SustainedRate | undefined {
  const rounds = group.flatMap((s) => (s.sustained ? [s.sustained] : []));
  if (rounds.length === 0) return undefined;
  const medians = medianOf(rounds.map((r) => ({ ...r }))) as unknown as SustainedRate;
  return { ...medians, drainedWithin2s: Math.min(...rounds.map((r) => r.drainedWithin2s)) };
}

function medianOf(records: Array<Record<string, number>>): Record<string, number> {
  const keys = new Set(records.flatMap((r) => Object.keys(r)));
  return Object.fromEntries([...keys].map((k) => [k, median(records.map((r) => r[k]).filter((v): v is number => v !== undefined && Number.isFinite(v)))]));
}

const medianBy = (samples: Sample[], pick: (s: Sample) => Record<string, number>) => medianOf(samples.map(pick));

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
    const sustained = sustainedOf(group);
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
      ...(sustained ? { sustained } : {}),
      ...(group.some((s) => s.profileShares) ? { profileShares: medianOf(group.flatMap((s) => (s.profileShares ? [s.profileShares] : []))) as Record<Category, number> } : {}),
    };
  });
}
