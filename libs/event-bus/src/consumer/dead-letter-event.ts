import { EVENT_DEAD_LETTERED_V1, TOPICS, type EventDeadLetteredV1 } from '@ciba/contracts';
import { newEvent } from '../new-event.ts';

export type DeadLetterReason = EventDeadLetteredV1['data']['reason'];

/** What a consumer knows about a message it gives up on. */
export interface DeadLetterFields {
  topic: string;
  group: string;
  key?: string;
  reason: DeadLetterReason;
  detail: string;
  originalId?: string;
  excerpt: string;
  attempts: number;
}

/**
 * Builds the `ciba.event.dead_lettered.v1` event for a message a consumer gave up on, keyed like
 * the original (its key, else its id) so an operator can replay it in order.
 */
export function deadLetterEvent(fields: DeadLetterFields, source: string): EventDeadLetteredV1 {
  const key = fields.key ? fields.key.slice(0, 200) : undefined;
  return newEvent(TOPICS.deadLetters, {
    type: EVENT_DEAD_LETTERED_V1,
    source,
    subject: key || fields.originalId || 'unknown',
    data: {
      topic: fields.topic.slice(0, 200),
      group: fields.group.slice(0, 200),
      ...(key ? { key } : {}),
      reason: fields.reason,
      detail: fields.detail.slice(0, 2000),
      ...(fields.originalId ? { original_id: fields.originalId.slice(0, 200) } : {}),
      original_excerpt: fields.excerpt.slice(0, 4096),
      attempts: fields.attempts,
    },
  });
}
