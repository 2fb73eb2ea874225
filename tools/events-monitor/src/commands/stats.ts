import type { TopicLag } from '@ciba/event-bus';
import { describeEvent } from '../lifecycle/describe-event.ts';
import type { LifecycleEvent } from '../lifecycle/lifecycle-event.ts';
import { readEvent } from '../lifecycle/read-event.ts';
import { eventRates } from '../stats/event-rates.ts';
import { knownGroups } from '../stats/known-groups.ts';
import { stageLatencies } from '../stats/stage-latencies.ts';
import { formatStats, type Stats } from '../format/format-stats.ts';
import type { MonitorContext } from './monitor-context.ts';

export interface StatsOptions {
  windowMs: number;
  json: boolean;
  /** The end of the window. @defaultValue now */
  now?: number;
}

/**
 * Reads every topic over the last `windowMs` (from the broker's retained events, up to their end
 * at start) and prints rates per topic and type, stage latencies, and the lag of every known group.
 */
export async function stats(ctx: MonitorContext, options: StatsOptions): Promise<void> {
  const until = options.now ?? Date.now();
  const since = until - options.windowMs;
  const topics = await ctx.tap.existingTopics();
  const events: LifecycleEvent[] = [];
  let unreadable = 0;
  await ctx.tap.read({
    topics,
    from: { sinceMs: since },
    follow: false,
    onMessage: (message) => {
      const read = readEvent(message);
      if (!read.ok) return void unreadable++;
      const event = describeEvent(message.topic, read.event);
      if (event.timeMs >= since && event.timeMs <= until) events.push(event);
    },
  });
  const lags: TopicLag[] = [];
  for (const { group, topics: read } of knownGroups(topics)) lags.push(...(await ctx.bus().lag(group, read)));
  const result: Stats = {
    window: { from: new Date(since).toISOString(), to: new Date(until).toISOString(), seconds: options.windowMs / 1000 },
    events: events.length,
    unreadable,
    rates: eventRates(events, options.windowMs),
    stages: stageLatencies(events),
    lag: lags,
  };
  for (const line of formatStats(result, options.json)) ctx.out(line);
}
