import { EVENT_DEAD_LETTERED_V1, TOPICS, type EventDeadLetteredV1 } from '@ciba/contracts';
import type { EventTap } from '@ciba/event-bus';
import { readEvent } from '../lifecycle/read-event.ts';

/** `--topic` and `--group`; unset ones match every dead letter. */
export interface DeadLetterFilter {
  topic?: string;
  group?: string;
}

/** Every retained dead letter (oldest first per partition) that matches `filter`. */
export async function readDeadLetters(tap: EventTap, filter: DeadLetterFilter): Promise<EventDeadLetteredV1[]> {
  const found: EventDeadLetteredV1[] = [];
  await tap.read({
    topics: [TOPICS.deadLetters],
    from: 'beginning',
    follow: false,
    onMessage: (message) => {
      const read = readEvent(message);
      if (!read.ok || read.event.type !== EVENT_DEAD_LETTERED_V1) return;
      const { data } = read.event;
      if ((filter.topic === undefined || data.topic === filter.topic) && (filter.group === undefined || data.group === filter.group)) found.push(read.event);
    },
  });
  return found.sort((a, b) => a.time.localeCompare(b.time));
}
