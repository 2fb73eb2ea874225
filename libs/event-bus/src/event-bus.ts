import type { EventOf, TopicName } from '@ciba/contracts';

/** One message to publish: the event goes to `topic`, partitioned by `key` (the auth request id). */
export interface OutgoingMessage<T extends TopicName = TopicName> {
  topic: T;
  key: string;
  event: EventOf<T>;
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
  /** Closes every subscription and connection. */
  close(): Promise<void>;
}
