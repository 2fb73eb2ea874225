import type { EventOf, TopicName } from '@ciba/contracts';

/** One message to publish: the event goes to `topic`, partitioned by `key` (the auth request id). */
export interface OutgoingMessage<T extends TopicName = TopicName> {
  topic: T;
  key: string;
  event: EventOf<T>;
  /**
   * Message headers (Kafka record headers; a `headers` field of the Redis stream entry): W3C trace
   * context (`traceparent`, `tracestate`). Unset: the publisher's active trace context, if any.
   * Identifiers only, like the event: never a token, secret or personal data.
   */
  headers?: Readonly<Record<string, string>>;
}

/** Where a consumed message came from. */
export interface MessageMeta {
  topic: TopicName;
  key: string;
  /** Partition (Kafka) or partition stream index (Redis). */
  partition: number;
  /** Broker position: Kafka offset or Redis stream entry id. */
  position: string;
  /** 1 on first delivery; higher when redelivered after a failure or a crashed consumer. */
  attempt: number;
  /** The message's headers as published (trace context); absent when it had none. */
  headers?: Readonly<Record<string, string>>;
}

export type EventHandler<T extends TopicName> = (event: EventOf<T>, meta: MessageMeta) => Promise<void>;

export interface SubscribeOptions<T extends TopicName> {
  /** Consumer group, `<service>.<purpose>`; every group sees every event once (at least once). */
  group: string;
  topics: readonly T[];
  /** Called once per event, in order per key; the message is acknowledged after it resolves. */
  handler: EventHandler<T>;
  /** Handler failures tolerated before the message is dead-lettered. @defaultValue 5 */
  maxAttempts?: number;
}

/** How far one consumer group is behind on one topic. */
export interface TopicLag {
  topic: TopicName;
  group: string;
  /**
   * Messages of the topic the group has not acknowledged yet, summed over partitions: Kafka, the
   * high watermark less the committed offset (less the earliest retained one when nothing is
   * committed); Redis Streams, entries not yet read by the group plus those read but unacknowledged.
   */
  lag: number;
}

export interface Subscription {
  /** Stops fetching, waits for in-flight handlers, and leaves the group. */
  close(): Promise<void>;
}

/**
 * The event bus: at-least-once, ordered per key, acknowledged after handling, redelivering what a
 * crashed consumer held. Both adapters validate against `@ciba/contracts` when publishing and when
 * consuming; a message that is unparseable, too large or off-contract goes to `ciba.dead-letters`.
 */
export interface EventBus {
  /** Durably publishes the messages (resolves once the broker has them). */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe<T extends TopicName>(options: SubscribeOptions<T>): Promise<Subscription>;
  /**
   * Resolves when the broker answers a cheap request (Redis: PING; Kafka: the cluster's metadata),
   * rejects when it does not; for `/readyz`, whose timeout bounds it.
   */
  ping(): Promise<void>;
  /**
   * How far `group` is behind on each of `topics` (for metrics, load shedding and the events
   * monitor); reads broker state only, never joins the group. A group that has not consumed yet
   * is behind by everything retained.
   */
  lag(group: string, topics: readonly TopicName[]): Promise<TopicLag[]>;
  /** Closes every subscription and connection. */
  close(): Promise<void>;
}
