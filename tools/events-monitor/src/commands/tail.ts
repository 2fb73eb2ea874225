import { describeEvent } from '../lifecycle/describe-event.ts';
import type { LifecycleEvent } from '../lifecycle/lifecycle-event.ts';
import { readEvent } from '../lifecycle/read-event.ts';
import { ReorderBuffer } from '../lifecycle/reorder-buffer.ts';
import { RequestIndex } from '../lifecycle/request-index.ts';
import { matchesFilter, type TailFilter } from '../lifecycle/tail-filter.ts';
import { formatTailJson, formatTailLine, tailLine } from '../format/tail-line.ts';
import type { MonitorContext } from './monitor-context.ts';

export interface TailOptions {
  filter: TailFilter;
  json: boolean;
  fromBeginning: boolean;
  /** How long events wait so that those of one request print in the order they happened. */
  reorderMs: number;
}

/**
 * Follows every topic (the fixed ones and each channel's offers topic that exists at start) and
 * prints one line per event, until SIGINT or SIGTERM. Starts at the end unless `fromBeginning`.
 */
export async function tail(ctx: MonitorContext, options: TailOptions): Promise<void> {
  const topics = await ctx.tap.existingTopics();
  const index = new RequestIndex();
  const print = (event: LifecycleEvent) => {
    const facts = index.observe(event);
    if (!matchesFilter(options.filter, event, facts)) return;
    const line = tailLine(event, facts);
    ctx.out(options.json ? formatTailJson(line) : formatTailLine(line));
  };
  const buffer = new ReorderBuffer<LifecycleEvent>(options.reorderMs, (event) => event.timeMs, print);
  const stop = () => void ctx.tap.close();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    await ctx.tap.read({
      topics,
      from: options.fromBeginning ? 'beginning' : 'end',
      follow: true,
      onReady: () => ctx.err(`following ${topics.length} topics from ${options.fromBeginning ? 'the oldest retained event' : 'now'} (Ctrl-C stops)`),
      onMessage: (message) => {
        const read = readEvent(message);
        if (read.ok) buffer.push(describeEvent(message.topic, read.event));
        else ctx.err(`skipped a message on ${message.topic} partition ${message.partition} at ${message.position}: ${read.reason}`);
      },
    });
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    buffer.close();
  }
}
