import type { LifecycleEvent, Stage } from '../lifecycle/lifecycle-event.ts';
import { percentile } from './percentile.ts';

/** The stages timed from the request's acceptance, and the lifecycle stages that end each. */
export const TIMED_STAGES: Record<string, readonly Stage[]> = {
  prompt_delivered: ['delivered'],
  decided: ['approved', 'denied'],
  token_issued: ['redeemed'],
};

export interface StageLatency {
  stage: string;
  count: number;
  p50?: number;
  p90?: number;
  p99?: number;
  max?: number;
}

/**
 * Milliseconds from each request's `requested` event to the first event of each timed stage, over
 * the requests accepted within the window (a stage reached by a request accepted before it is not
 * counted: its start is unknown).
 */
export function stageLatencies(events: readonly LifecycleEvent[]): StageLatency[] {
  const requestedAt = new Map<string, number>();
  for (const event of events) if (event.requestedAtMs !== undefined) requestedAt.set(event.requestId, event.requestedAtMs);
  return Object.entries(TIMED_STAGES).map(([stage, ends]) => {
    const first = new Map<string, number>();
    for (const event of events) {
      const start = requestedAt.get(event.requestId);
      if (start === undefined || !ends.includes(event.stage)) continue;
      first.set(event.requestId, Math.min(first.get(event.requestId) ?? Infinity, Math.max(0, event.timeMs - start)));
    }
    const sorted = [...first.values()].sort((a, b) => a - b);
    return { stage, count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) };
  });
}
