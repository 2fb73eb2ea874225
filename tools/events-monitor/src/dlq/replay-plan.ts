import { isChannelOffersTopic, MAX_EVENT_BYTES, schemaOfTopic, TOPICS, type EventDeadLetteredV1, type TopicName } from '@ciba/contracts';
import type { OutgoingMessage } from '@ciba/event-bus';

export type ReplayPlan = { ok: true; message: OutgoingMessage } | { ok: false; refusal: string };

/**
 * What replaying a dead letter would publish: the original message, rebuilt from the dead letter's
 * excerpt, to its own topic with its own key and event id (consumers de-duplicate on it, so a group
 * that handled it already does nothing), only when it validates against its topic's contract.
 */
export function replayPlan(deadLetter: EventDeadLetteredV1): ReplayPlan {
  const { topic, key, original_excerpt: excerpt } = deadLetter.data;
  if (topic === TOPICS.deadLetters) return { ok: false, refusal: 'a dead letter of the dead-letter topic is not replayed' };
  const schema = isChannelOffersTopic(topic) || Object.values(TOPICS).includes(topic as never) ? schemaOfTopic(topic as TopicName) : undefined;
  if (!schema) return { ok: false, refusal: `${topic} is not a topic of ours` };
  if (Buffer.byteLength(excerpt) > MAX_EVENT_BYTES) return { ok: false, refusal: 'too large' };
  let json: unknown;
  try {
    json = JSON.parse(excerpt);
  } catch {
    return { ok: false, refusal: excerpt.length === 0 ? 'the dead letter holds no message' : 'the kept excerpt is not a whole JSON message (not JSON, or cut at 1 KiB): replay it from the producer\'s outbox' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`).join('; ');
    return { ok: false, refusal: `still off its contract (${paths.slice(0, 300)})` };
  }
  const event = parsed.data as OutgoingMessage['event'];
  return { ok: true, message: { topic: topic as TopicName, key: key || event.subject, event } };
}
