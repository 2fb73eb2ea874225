import { cpus } from 'node:os';
import { formatNumber } from '../report/format-number.ts';
import { textTable } from '../report/text-table.ts';
import type { StartedSystem } from '../start-systems.ts';
import { bcAuthorizeLoad } from '../workloads/bc-authorize.ts';
import { createPending } from '../workloads/create-pending.ts';
import { measureBcAuthorize } from '../workloads/measure-bc-authorize.ts';
import type { BenchContext } from '../workloads/bench-context.ts';
import { boundOf, type ScaleStep } from './scale-step.ts';

/**
 * --scale: how bc-authorize's cost grows, per system (ours once per worker count and bus, so processes
 * 1/2 and Redis/Kafka sit side by side): at each concurrency step with the default user count, then at
 * each user count (seeded up to it) at the default concurrency, then after `--scale-pending` more
 * pending requests. Every request made stays pending, so the request tables grow along. Each step
 * reports the sustained rate (accepted and prompted) and names what bounded it.
 */
export async function runScale(ctx: BenchContext, systems: StartedSystem[], commitRate1?: number): Promise<{ steps: ScaleStep[]; report: string }> {
  const { options } = ctx;
  const steps: ScaleStep[] = [];
  const machineCores = cpus().length;
  const accepted = new Map<StartedSystem, number>();
  const step = async (sut: StartedSystem, concurrency: number, users: number, pendingMade?: number) => {
    ctx.users = users;
    await bcAuthorizeLoad(sut, ctx, 1, concurrency);
    await ctx.device.settle(Number.MAX_SAFE_INTEGER, 500, 60_000);
    ctx.device.resetCounts();
    const requestsBefore = accepted.get(sut) ?? 0;
    const sample = await measureBcAuthorize(sut, ctx, steps.length + 1, options.duration, concurrency, 120_000);
    accepted.set(sut, requestsBefore + sample.ok);
    const cores = sample.coresDuringLoad;
    // Averaged over load and settling: the flushes of the backlog drained afterwards count too.
    const walFlushesPerSec = sample.storePerOp.pg_wal_syncs === undefined ? undefined : (sample.storePerOp.pg_wal_syncs * sample.ok) / sample.windowSeconds;
    const bound = boundOf({ cores, walFlushesPerSec, commitRate1, promptBacklog: sample.extra.promptBacklog, ok: sample.ok }, machineCores);
    steps.push({ system: sut.name, concurrency, users, requestsBefore, ...(pendingMade ? { pendingMade } : {}), sample, cores, bound });
    process.stdout.write(`  ${sut.name.padEnd(13)} c=${String(concurrency).padEnd(4)} users=${String(users).padEnd(8)} ${formatNumber(sample.sustained?.perSec).padStart(7)} sustained/s  ${formatNumber(sample.opsPerSec).padStart(7)} answered/s  p99 ${formatNumber(sample.p99)} ms  bound: ${bound}\n`);
  };

  process.stdout.write(`scale 1/3: bc-authorize at concurrency ${options.scaleConcurrency.join(', ')} with ${options.users} users\n`);
  for (const concurrency of options.scaleConcurrency) for (const sut of systems) await step(sut, concurrency, options.users);

  process.stdout.write(`scale 2/3: bc-authorize at concurrency ${options.concurrency} with ${options.scaleUsers.join(', ')} users\n`);
  let seeded = options.users;
  for (const users of [...options.scaleUsers].sort((a, b) => a - b)) {
    if (users > seeded) {
      for (const sut of systems) {
        const t0 = performance.now();
        await sut.seedUsers(seeded, users);
        process.stdout.write(`  seeded ${sut.name} to ${users} users in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      }
      seeded = users;
    }
    for (const sut of systems) await step(sut, options.concurrency, Math.max(users, options.users));
  }

  if (options.scalePending > 0) {
    process.stdout.write(`scale 3/3: bc-authorize at concurrency ${options.concurrency} after ${options.scalePending} pending requests made\n`);
    for (const sut of systems) {
      const t0 = performance.now();
      await createPending(sut, ctx, options.scalePending);
      await ctx.device.settle(Number.MAX_SAFE_INTEGER, 1000, 300_000);
      accepted.set(sut, (accepted.get(sut) ?? 0) + options.scalePending);
      process.stdout.write(`  made ${options.scalePending} pending requests on ${sut.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      await step(sut, options.concurrency, Math.max(seeded, options.users), options.scalePending);
    }
  }

  const table = textTable(
    ['system', 'conc.', 'users', 'requests before', 'sustained/s', 'drain s', 'prompt p99 ms', 'answered/s', 'p50 ms', 'p99 ms', 'server cores', 'event loop', 'postgres cores', 'redis cores', 'kafka cores', 'driver cores', 'WAL flushes/op', 'backlog', 'bound'],
    steps.map((s) => [
      s.system,
      String(s.concurrency),
      String(s.users),
      String(s.requestsBefore),
      formatNumber(s.sample.sustained?.perSec),
      formatNumber(s.sample.sustained?.drainSeconds, 2),
      formatNumber(s.sample.sustained?.promptP99),
      formatNumber(s.sample.opsPerSec),
      formatNumber(s.sample.p50),
      formatNumber(s.sample.p99),
      formatNumber(s.cores.server, 2),
      formatNumber(s.cores.server_main, 2),
      formatNumber(s.cores.postgres, 2),
      formatNumber(s.cores.redis, 2),
      formatNumber(s.cores.kafka, 2),
      formatNumber(s.cores.driver, 2),
      formatNumber(s.sample.storePerOp.pg_wal_syncs, 2),
      String(s.sample.extra.promptBacklog ?? ''),
      s.bound,
    ]),
  );
  return { steps, report: table };
}
