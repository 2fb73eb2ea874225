import type { TopicLag } from '@ciba/event-bus';
import type { EventRate } from '../stats/event-rates.ts';
import type { StageLatency } from '../stats/stage-latencies.ts';
import { formatTable } from './format-table.ts';

export interface Stats {
  window: { from: string; to: string; seconds: number };
  events: number;
  unreadable: number;
  rates: EventRate[];
  stages: StageLatency[];
  lag: TopicLag[];
}

const ms = (v: number | undefined) => (v === undefined ? '-' : String(v));

/** The lines `stats` prints: one JSON object, or three tables. */
export function formatStats(stats: Stats, json: boolean): string[] {
  if (json) return [JSON.stringify(stats)];
  return [
    `window ${stats.window.from} .. ${stats.window.to} (${stats.window.seconds} s): ${stats.events} events${stats.unreadable ? `, ${stats.unreadable} unreadable` : ''}`,
    '',
    ...formatTable(['topic', 'type', 'count', 'per_s'], stats.rates.map((r) => [r.topic, r.type, String(r.count), r.perSecond.toFixed(3)])),
    '',
    'latency since the request (ms)',
    ...formatTable(['stage', 'count', 'p50', 'p90', 'p99', 'max'], stats.stages.map((s) => [s.stage, String(s.count), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)])),
    '',
    ...formatTable(['topic', 'group', 'lag'], stats.lag.map((l) => [l.topic, l.group, String(l.lag)])),
  ];
}
