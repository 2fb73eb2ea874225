import { schemaOfTopic, type EventOf, type TopicName } from '@ciba/contracts';

/** The row a service inserts into its `outbox_events` table, in the same transaction as its state change. */
export interface OutboxRecord {
  id: string;
  topic: TopicName;
  key: string;
  envelope: object;
}

/** Validates the event against its topic (producer side) and shapes the outbox row; key = subject. */
export function outboxRecord<T extends TopicName>(topic: T, event: EventOf<T>): OutboxRecord {
  const envelope = schemaOfTopic(topic).parse(event) as EventOf<T>;
  return { id: envelope.id, topic, key: envelope.subject, envelope };
}
