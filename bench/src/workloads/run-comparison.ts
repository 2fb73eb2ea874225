import type { SystemUnderTest } from '../systems/system-under-test.ts';
import { formatNumber } from '../report/format-number.ts';
import type { BenchContext } from './bench-context.ts';
import { bcAuthorizeLoad } from './bc-authorize.ts';
import { createPending } from './create-pending.ts';
import { fullFlowLoad, probeFlow } from './full-flow.ts';
import { measure } from './measure.ts';
import { measureBcAuthorize } from './measure-bc-authorize.ts';
import { pollPendingLoad } from './poll-pending.ts';
import type { Sample } from './sample.ts';

const WARMUP_SECONDS = 2;
/** Pending requests are made anew once this old (they expire after 600 s). */
const PENDING_MAX_AGE_MS = 300_000;

function progress(s: Sample): void {
  const sustained = s.sustained ? `  sustained ${formatNumber(s.sustained.perSec)}/s (drain ${formatNumber(s.sustained.drainSeconds, 1)} s, prompt p99 ${formatNumber(s.sustained.promptP99)} ms)` : '';
  process.stdout.write(
    `  round ${s.round}  ${s.system.padEnd(13)} ${s.workload.padEnd(15)} ${formatNumber(s.opsPerSec).padStart(7)} ops/s${sustained}  p50 ${formatNumber(s.p50)} ms  p99 ${formatNumber(s.p99)} ms  errors ${s.errors}  server CPU ${formatNumber(s.cpuPerOp.server! * 1000, 2)} ms/op\n`,
  );
}

/**
 * The comparison: `rounds` rounds; in each, every workload runs on each system in turn (A B, A B…),
 * after a short unmeasured warm-up. Both systems stay up for the whole run.
 */
export async function runComparison(ctx: BenchContext, systems: SystemUnderTest[]): Promise<Sample[]> {
  const { options } = ctx;
  const samples: Sample[] = [];
  const warmup = options.quick ? 1 : WARMUP_SECONDS;
  const broken = new Set<string>();
  const pending = new Map<SystemUnderTest, { ids: string[]; at: number }>();
  const add = (s: Sample) => {
    samples.push(s);
    progress(s);
  };
  for (let round = 1; round <= options.rounds; round++) {
    for (const workload of options.workloads) {
      for (const sut of systems) {
        ctx.device.mode = 'hold';
        if (workload === 'bc-authorize') {
          await bcAuthorizeLoad(sut, ctx, warmup);
          await ctx.device.settle(Number.MAX_SAFE_INTEGER, 500, 30_000);
          ctx.device.resetCounts();
          add(await measureBcAuthorize(sut, ctx, round, options.duration, options.concurrency, 60_000));
        } else if (workload === 'poll-pending') {
          if (!pending.has(sut) || Date.now() - pending.get(sut)!.at > PENDING_MAX_AGE_MS) {
            pending.set(sut, { ids: await createPending(sut, ctx, options.pending), at: Date.now() });
            await ctx.device.settle(Number.MAX_SAFE_INTEGER, 500, 60_000);
          }
          const { ids } = pending.get(sut)!;
          await pollPendingLoad(sut, ctx, ids, warmup);
          add(await measure(sut, workload, round, () => pollPendingLoad(sut, ctx, ids, options.duration), async () => undefined));
        } else {
          for (const mode of options.modes) {
            if (!sut.clients[mode] || broken.has(`${sut.name} ${mode}`)) continue;
            const probe = await probeFlow(sut, ctx, mode);
            if (probe) {
              broken.add(`${sut.name} ${mode}`);
              ctx.notes.push(`${sut.name} full-flow:${mode} not measured: a single flow failed (${probe})`);
              process.stdout.write(`  ${sut.name} full-flow:${mode}: a single flow failed (${probe}); skipped\n`);
              continue;
            }
            await fullFlowLoad(sut, ctx, mode, warmup);
            await ctx.device.settle(Number.MAX_SAFE_INTEGER, 500, 30_000);
            add(await measure(sut, `full-flow:${mode}`, round, () => fullFlowLoad(sut, ctx, mode, options.duration), () => ctx.device.settle(Number.MAX_SAFE_INTEGER, 500, 30_000)));
          }
        }
      }
    }
  }
  return samples;
}
