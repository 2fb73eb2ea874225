import type { EventDeadLetteredV1 } from '@ciba/contracts';
import { replayPlan } from './replay-plan.ts';

/** What `dlq list` shows of a dead letter: never the excerpt (the original's bytes, secrets and all). */
export interface DeadLetterView {
  id: string;
  time: string;
  reason: EventDeadLetteredV1['data']['reason'];
  topic: string;
  group: string;
  /** The original's partition key: the internal auth request id. */
  key?: string;
  original_id?: string;
  attempts: number;
  /**
   * Why, without values: the contract paths and issue codes a decoder names, or a handler error's
   * class (its message may quote data, so it is left out).
   */
  detail: string;
  /** Whether `dlq replay` would republish it, and if not, why. */
  replayable: boolean;
  refusal?: string;
}

/** The allow-listed view of one dead letter. */
export function deadLetterView(event: EventDeadLetteredV1): DeadLetterView {
  const { data } = event;
  const plan = replayPlan(event);
  return {
    id: event.id,
    time: event.time,
    reason: data.reason,
    topic: data.topic,
    group: data.group,
    ...(data.key ? { key: data.key } : {}),
    ...(data.original_id ? { original_id: data.original_id } : {}),
    attempts: data.attempts,
    detail: data.reason === 'handler_failed' ? handlerErrorClass(data.detail) : data.detail,
    replayable: plan.ok,
    ...(plan.ok ? {} : { refusal: plan.refusal }),
  };
}

/** `Error: message` → `Error`; the retry-budget note (`delivered N times…`) names no data and stays. */
function handlerErrorClass(detail: string): string {
  if (/^delivered \d+ times, more than the \d+ allowed$/.test(detail)) return detail;
  const name = /^([A-Z][A-Za-z0-9_$]*):/.exec(detail)?.[1];
  return name ?? 'handler failed';
}
