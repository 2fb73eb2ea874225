import { readDeadLetters, type DeadLetterFilter } from '../dlq/read-dead-letters.ts';
import { replayPlan } from '../dlq/replay-plan.ts';
import type { MonitorContext } from './monitor-context.ts';

export interface DlqReplayOptions {
  /** Dead-letter event ids; empty with `all`. */
  ids: readonly string[];
  all: boolean;
  filter: DeadLetterFilter;
  json: boolean;
}

/**
 * Republishes the original message of each chosen dead letter to its topic, after validating it
 * against the contract; refuses what does not validate. Answers the number of refusals and ids
 * not found (the exit status).
 */
export async function dlqReplay(ctx: MonitorContext, options: DlqReplayOptions): Promise<number> {
  const letters = await readDeadLetters(ctx.tap, options.filter);
  const chosen = options.all ? letters : letters.filter((letter) => options.ids.includes(letter.id));
  let failures = 0;
  const report = (fields: Record<string, string>) => ctx.out(options.json ? JSON.stringify(fields) : Object.entries(fields).map(([k, v]) => `${k}=${/\s/.test(v) ? JSON.stringify(v) : v}`).join(' '));
  for (const id of options.all ? [] : options.ids.filter((id) => !letters.some((letter) => letter.id === id))) {
    failures++;
    report({ id, result: 'not_found' });
  }
  for (const letter of chosen) {
    const plan = replayPlan(letter);
    if (!plan.ok) {
      failures++;
      report({ id: letter.id, result: 'refused', reason: plan.refusal });
      continue;
    }
    await ctx.bus().publish([plan.message]);
    report({ id: letter.id, result: 'replayed', topic: plan.message.topic, original_id: plan.message.event.id, group: letter.data.group });
  }
  return failures;
}
