import { randomUUID } from 'node:crypto';
import { schemaOfTopic, type EventOf, type TopicName } from '@ciba/contracts';

type DataOf<T extends TopicName, Ty extends EventOf<T>['type']> = Extract<EventOf<T>, { type: Ty }>['data'];

export interface NewEventFields<T extends TopicName, Ty extends EventOf<T>['type']> {
  type: Ty;
  /** The producing service, `/services/<name>`. */
  source: string;
  /** The aggregate id (auth request id); also the partition key. */
  subject: string;
  data: DataOf<T, Ty>;
  traceparent?: string;
  time?: Date;
}

/**
 * Builds an event in its envelope and validates it against its topic's contract, so nothing
 * off-contract is ever produced. Throws a ZodError on a producer bug.
 */
export function newEvent<T extends TopicName, Ty extends EventOf<T>['type']>(topic: T, fields: NewEventFields<T, Ty>): EventOf<T> {
  const candidate = {
    specversion: '1.0',
    id: randomUUID(),
    type: fields.type,
    source: fields.source,
    time: (fields.time ?? new Date()).toISOString(),
    subject: fields.subject,
    ...(fields.traceparent ? { traceparent: fields.traceparent } : {}),
    data: fields.data,
  };
  return schemaOfTopic(topic).parse(candidate) as EventOf<T>;
}
