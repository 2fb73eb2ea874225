import type { SystemUnderTest } from '../systems/system-under-test.ts';
import { bcAuthorizeLoad } from './bc-authorize.ts';
import type { BenchContext } from './bench-context.ts';
import { measure } from './measure.ts';
import type { Sample } from './sample.ts';
import { sustainedRate } from './sustained-rate.ts';

/** How long without a new prompt ends the wait for the backlog (prompts that never come). */
const QUIET_MS = 2000;

function promptedCount(accepted: ReadonlyMap<string, number>, prompts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const tag of accepted.keys()) if (prompts.has(tag)) n++;
  return n;
}

/**
 * One measured bc-authorize load: every accepted request (binding message, send time) and every prompt
 * (arrival time) are recorded, the backlog is waited for (all prompted, or no prompt for 2 s, or
 * `timeoutMs`), and the sample carries the sustained rate and the prompt latency.
 */
export async function measureBcAuthorize(sut: SystemUnderTest, ctx: BenchContext, round: number, duration: number, connections: number, timeoutMs: number): Promise<Sample> {
  const accepted = new Map<string, number>();
  const prompts = new Map<string, number>();
  let lastPromptAt = 0;
  ctx.device.onPrompt = (tag, at) => {
    prompts.set(tag, at);
    lastPromptAt = at;
  };
  let loadStart = 0;
  let loadEnd = 0;
  const run = async () => {
    loadStart = performance.now();
    const result = await bcAuthorizeLoad(sut, ctx, duration, connections, accepted);
    loadEnd = performance.now();
    return { ...result, extra: { promptBacklog: accepted.size - promptedCount(accepted, prompts) } };
  };
  const drain = async () => {
    const deadline = loadEnd + timeoutMs;
    for (;;) {
      const now = performance.now();
      if (prompts.size >= accepted.size && promptedCount(accepted, prompts) === accepted.size) break;
      if (now > deadline || now - Math.max(lastPromptAt, loadEnd) > QUIET_MS) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { sustained: sustainedRate(accepted, prompts, loadStart, loadEnd) };
  };
  try {
    return await measure(sut, 'bc-authorize', round, run, drain);
  } finally {
    ctx.device.onPrompt = undefined;
  }
}
