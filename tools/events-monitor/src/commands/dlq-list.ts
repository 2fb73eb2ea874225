import { deadLetterView } from '../dlq/dead-letter-view.ts';
import { readDeadLetters, type DeadLetterFilter } from '../dlq/read-dead-letters.ts';
import { formatTable } from '../format/format-table.ts';
import type { MonitorContext } from './monitor-context.ts';

/** Prints every retained dead letter: when, why, which group gave up on which topic, and whether it can be replayed. */
export async function dlqList(ctx: MonitorContext, options: { filter: DeadLetterFilter; json: boolean }): Promise<void> {
  const views = (await readDeadLetters(ctx.tap, options.filter)).map(deadLetterView);
  if (options.json) return views.forEach((view) => ctx.out(JSON.stringify(view)));
  const rows = views.map((v) => [v.time, v.id, v.reason, v.topic, v.group, v.original_id ?? '-', v.key ?? '-', String(v.attempts), v.replayable ? 'yes' : `no: ${v.refusal}`, v.detail]);
  formatTable(['time', 'id', 'reason', 'topic', 'group', 'original_id', 'key', 'attempts', 'replayable', 'detail'], rows).forEach((line) => ctx.out(line));
  ctx.err(`${views.length} dead letters`);
}
