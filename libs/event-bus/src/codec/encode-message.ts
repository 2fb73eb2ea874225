import { MAX_EVENT_BYTES, schemaOfTopic } from '@ciba/contracts';
import type { OutgoingMessage } from '../event-bus.ts';
import { EventTooLargeError } from './event-too-large-error.ts';
import { traceHeaders } from '../tracing/trace-headers.ts';

/** A validated message, ready for the broker. */
export interface EncodedMessage {
  topic: OutgoingMessage['topic'];
  key: string;
  /** The event as JSON, at most `MAX_EVENT_BYTES`. */
  value: string;
  eventId: string;
  /** The message's headers, or else the active trace context; absent when there is nothing to carry. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Producer-side check: the event must satisfy its topic's contract (unknown keys are dropped) and
 * fit in `MAX_EVENT_BYTES`; the key must be non-empty. Throws (ZodError, EventTooLargeError,
 * TypeError) on a producer bug, before anything reaches the broker.
 */
export function encodeMessage(message: OutgoingMessage): EncodedMessage {
  const schema = schemaOfTopic(message.topic);
  if (!schema) throw new TypeError(`topic ${String(message.topic)} is not in the topic registry`);
  if (typeof message.key !== 'string' || message.key.length === 0) throw new TypeError('key must be a non-empty string');
  const event = schema.parse(message.event);
  const value = JSON.stringify(event);
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(message.topic, bytes);
  const headers = message.headers ?? traceHeaders();
  const carried = headers && Object.keys(headers).length > 0 ? { headers } : {};
  return { topic: message.topic, key: message.key, value, eventId: event.id, ...carried };
}
