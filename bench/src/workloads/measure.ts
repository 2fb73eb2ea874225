import { cpuSeconds, cpuSecondsByName, treeCpuSeconds } from '../cpu.ts';
import type { LoadResult } from '../drivers/load-result.ts';
import type { SystemUnderTest } from '../systems/system-under-test.ts';
import type { Sample } from './sample.ts';
import type { SustainedRate } from './sustained-rate.ts';

interface Snapshot {
  cpu: Record<string, number>;
  counters: Record<string, number>;
}

function cpuNow(sut: SystemUnderTest, storePids: Record<string, number>): Record<string, number> {
  // `server` is the whole process tree (with --workers, the primary and its workers); `server_main` the
  // event-loop threads alone (the rest: GC, JIT, libuv).
  const server = treeCpuSeconds(sut.serverPid);
  const cpu: Record<string, number> = { server: server.total, server_main: server.mainThreads };
  for (const [role, pid] of Object.entries(storePids)) cpu[role] = cpuSeconds(pid);
  // Every PostgreSQL process of the cluster: ours is its only heavy user during a bench run.
  if (sut.name !== 'oidc-provider') cpu.postgres = cpuSecondsByName('postgres');
  const usage = process.cpuUsage();
  cpu.driver = (usage.user + usage.system) / 1e6;
  return cpu;
}

async function snapshot(sut: SystemUnderTest): Promise<Snapshot> {
  return { cpu: cpuNow(sut, await sut.storePids()), counters: await sut.storeCounters() };
}

function perOp(before: Record<string, number>, after: Record<string, number>, ops: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(after)) out[key] = ops > 0 ? (after[key]! - (before[key] ?? 0)) / ops : Number.NaN;
  return out;
}

/**
 * Runs one workload between two snapshots of CPU time and store counters; the second is taken after
 * `settle` (the asynchronous work the load caused), so per-operation costs include it.
 */
export async function measure(
  sut: SystemUnderTest,
  workload: string,
  round: number,
  run: () => Promise<LoadResult & { extra?: Record<string, number> }>,
  settle: (result: LoadResult) => Promise<void | { sustained?: SustainedRate }>,
): Promise<Sample> {
  const storePids = await sut.storePids();
  const before = await snapshot(sut);
  await sut.profiler?.start();
  const windowStart = performance.now();
  const loadStartCpu = cpuNow(sut, storePids);
  const result = await run();
  const loadEnd = performance.now();
  const loadEndCpu = cpuNow(sut, storePids);
  const loadSeconds = (loadEnd - windowStart) / 1000;
  const settled = await settle(result);
  const settleSeconds = (performance.now() - loadEnd) / 1000;
  const profile = await sut.profiler?.stop();
  // PostgreSQL publishes its statistics up to a second late (waited for on both systems alike).
  await new Promise((r) => setTimeout(r, 1100));
  const windowSeconds = (performance.now() - windowStart) / 1000;
  const after = await snapshot(sut);
  const { extra, ...load } = result;
  return {
    ...load,
    system: sut.name,
    workload,
    round,
    cpuPerOp: perOp(before.cpu, after.cpu, result.ok),
    storePerOp: perOp(before.counters, after.counters, result.ok),
    settleSeconds,
    windowSeconds,
    coresDuringLoad: Object.fromEntries(Object.entries(loadEndCpu).map(([k, v]) => [k, (v - (loadStartCpu[k] ?? 0)) / loadSeconds])),
    extra: extra ?? {},
    ...(settled?.sustained ? { sustained: settled.sustained } : {}),
    ...(profile ? { profileShares: profile.shares, profileFiles: profile.files } : {}),
  };
}
