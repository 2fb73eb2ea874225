import type { Sample } from '../../src/workloads/sample.ts';

/** A plausible sample with the given fields changed. */
export function sample(over: Partial<Sample>): Sample {
  return {
    system: 'ours', workload: 'bc-authorize', round: 1, ok: 1000, errors: 0, errorKinds: {}, seconds: 10, opsPerSec: 100, p50: 5, p99: 20,
    cpuPerOp: { server: 0.001, redis: 0.0001, driver: 0.0002 }, storePerOp: { pg_commits: 2 }, settleSeconds: 0.5, windowSeconds: 11.6, coresDuringLoad: { server: 0.1 }, extra: {},
    ...over,
  };
}
