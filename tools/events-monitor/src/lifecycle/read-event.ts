import { isChannelOffersTopic, schemaOfTopic, type AnyEvent, type TopicName } from '@ciba/contracts';
import { decodeMessage, type TappedMessage } from '@ciba/event-bus';

export type ReadEvent = { ok: true; event: AnyEvent } | { ok: false; reason: string };

/** Validates a tapped message against its topic's contract (as the services' consumers do). */
export function readEvent(message: TappedMessage): ReadEvent {
  const topic = message.topic as TopicName;
  if (!isChannelOffersTopic(topic) && !schemaOfTopic(topic)) return { ok: false, reason: 'not a topic of ours' };
  const decoded = decodeMessage(topic, message.value);
  return decoded.ok ? { ok: true, event: decoded.event as AnyEvent } : { ok: false, reason: decoded.reason };
}
