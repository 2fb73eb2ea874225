import { schemaOfTopic, type EventOf, type TopicName } from '@ciba/contracts';
import { traceHeaders } from '../tracing/trace-headers.ts';

/** The row a service inserts into its `outbox_events` table, in the same transaction as its state change. */
export interface OutboxRecord {
  id: string;
  topic: TopicName;
  key: string;
  envelope: object;
  /**
   * The W3C trace context (`traceparent`, `tracestate`) active when the record was made, for the
   * row's nullable `trace_context` column (see `traceContextColumn`); the relay publishes it as the
   * message's headers. Absent with tracing off.
   */
  traceContext?: Readonly<Record<string, string>>;
}

/**
 * Validates the event against its topic (producer side) and shapes the outbox row; key = subject.
 * The active trace context (the request's or the consumed message's span) goes with it.
 */
export function outboxRecord<T extends TopicName>(topic: T, event: EventOf<T>): OutboxRecord {
  const envelope = schemaOfTopic(topic).parse(event) as EventOf<T>;
  const traceContext = traceHeaders();
  return { id: envelope.id, topic, key: envelope.subject, envelope, ...(traceContext ? { traceContext } : {}) };
}
