import { TOPICS, schemaOfTopic, type TopicName } from '@ciba/contracts';
import type { OutgoingMessage } from '../event-bus.ts';
import { decodeMessage } from '../codec/decode-message.ts';
import { deadLetterEvent, type DeadLetterReason } from '../consumer/dead-letter-event.ts';
import type { OutboxRow } from './outbox-table.ts';
import { decodeHeaders } from '../tracing/decode-headers.ts';

/**
 * The message to publish for one outbox row: the row's event, or, when the row is off-contract
 * (unknown topic, empty key, too large, failing its schema), a dead letter carrying it, so a bad
 * row neither blocks the ones behind it nor disappears. The row's trace context becomes the message's
 * headers (a dead letter's too); a row without one gets none.
 */
export function outboxRowMessage(row: OutboxRow, source: string): { message: OutgoingMessage; rejected?: string } {
  const headers = decodeHeaders(row.trace_context) ?? {};
  const reject = (reason: DeadLetterReason, detail: string, excerpt: string) => {
    const fields = { topic: row.topic, group: 'outbox-relay', key: row.key, reason, detail, originalId: row.id, excerpt, attempts: 0 };
    const event = deadLetterEvent(fields, source);
    return { message: { topic: TOPICS.deadLetters, key: event.subject, event, headers }, rejected: reason };
  };
  const raw = row.envelope;
  if (!schemaOfTopic(row.topic as TopicName)) return reject('contract_violation', 'topic is not in the topic registry', raw.slice(0, 1024));
  if (row.key.length === 0) return reject('contract_violation', 'key is empty', raw.slice(0, 1024));
  const topic = row.topic as TopicName;
  const decoded = decodeMessage(topic, raw);
  if (!decoded.ok) return reject(decoded.reason, decoded.detail, decoded.excerpt);
  return { message: { topic, key: row.key, event: decoded.event, headers } };
}
