import type { LifecycleEvent, SafeValue } from '../lifecycle/lifecycle-event.ts';
import type { RequestFacts } from '../lifecycle/request-index.ts';

/** One printed line of `tail`: the event and how long after its request started it happened. */
export interface TailLine {
  event: LifecycleEvent;
  /** Milliseconds since the request was accepted; undefined when its `requested` event was not seen. */
  elapsedMs?: number;
}

/** The line of `event`, timed against what is known of its request. */
export function tailLine(event: LifecycleEvent, facts: RequestFacts): TailLine {
  return { event, ...(facts.requestedAtMs !== undefined ? { elapsedMs: Math.max(0, event.timeMs - facts.requestedAtMs) } : {}) };
}

const value = (v: SafeValue) => (typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : String(v));

/** `<time> <request id> +<elapsed> <stage> k=v ...`, for people. */
export function formatTailLine({ event, elapsedMs }: TailLine): string {
  const elapsed = elapsedMs === undefined ? '+?' : `+${(elapsedMs / 1000).toFixed(3)}s`;
  const fields = Object.entries(event.fields).map(([k, v]) => `${k}=${value(v)}`);
  return [new Date(event.timeMs).toISOString(), event.requestId, elapsed.padStart(9), event.stage.padEnd(15), ...fields].join(' ').trimEnd();
}

/** One JSON object per line, for machines: the same allow-listed fields and nothing else. */
export function formatTailJson({ event, elapsedMs }: TailLine): string {
  return JSON.stringify({
    time: new Date(event.timeMs).toISOString(),
    request_id: event.requestId,
    ...(elapsedMs !== undefined ? { elapsed_ms: elapsedMs } : {}),
    state: event.stage,
    type: event.type,
    topic: event.topic,
    event_id: event.eventId,
    ...event.fields,
  });
}
