import { TOPICS, type TopicName } from '@ciba/contracts';
import type { EventBus, OutgoingMessage, SubscribeOptions, Subscription, TopicLag } from '../event-bus.ts';
import { encodeMessage } from '../codec/encode-message.ts';
import { deadLetterEvent, type DeadLetterFields } from '../consumer/dead-letter-event.ts';
import { DEFAULT_RETRY_POLICY } from '../consumer/retry-policy.ts';
import type { KafkaBusOptions, KafkaSettings } from './kafka-bus-options.ts';
import type { KafkaClient, KafkaOutgoing, KafkaProducerPort } from './kafka-client.ts';
import { kafkajsClient } from './kafkajs-client.ts';
import { KafkaSubscription } from './kafka-subscription.ts';
import { LagReader } from './lag-reader.ts';
import { TopicCreator } from './topic-creator.ts';

/**
 * The event bus on Kafka. An idempotent producer (acks = all, one request in flight) writes each
 * message keyed by `key`, so the default partitioner keeps one auth request's events in one
 * partition, in order. Consumers commit after handling; see `KafkaSubscription`. The Kafka library
 * sits behind `KafkaClient` (kafka-client.ts).
 */
export class KafkaBus implements EventBus {
  private readonly kafka: KafkaClient;
  private readonly settings: KafkaSettings;
  private readonly producer: KafkaProducerPort;
  private readonly topics: TopicCreator;
  private readonly lags: LagReader;
  private readonly subscriptions = new Set<KafkaSubscription<TopicName>>();
  private readonly source: string;
  private producerConnected?: Promise<void>;

  constructor(options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new TypeError('brokers must not be empty');
    this.settings = {
      brokers: options.brokers,
      clientId: options.clientId,
      logger: options.logger,
      topicPrefix: options.topicPrefix ?? '',
      partitions: options.partitions ?? 8,
      replicationFactor: options.replicationFactor ?? -1,
      sessionTimeout: options.sessionTimeout ?? 30_000,
      heartbeatInterval: options.heartbeatInterval ?? 3000,
      rebalanceTimeout: options.rebalanceTimeout ?? 60_000,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      ssl: options.ssl,
      sasl: options.sasl,
    };
    const client = options.client ?? kafkajsClient;
    this.kafka = client({
      clientId: options.clientId,
      brokers: options.brokers,
      logger: options.logger,
      ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
      ...(options.sasl !== undefined ? { sasl: options.sasl } : {}),
    });
    this.producer = this.kafka.producer();
    this.topics = new TopicCreator(this.kafka.admin(), this.settings.partitions, this.settings.replicationFactor);
    this.lags = new LagReader(this.kafka.admin(), this.settings.topicPrefix);
    this.source = options.clientId.startsWith('/') ? options.clientId : `/services/${options.clientId}`;
  }

  /** Validates every message, then sends them in one batch; resolves once all in-sync replicas have them. */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    const encoded = messages.map(encodeMessage);
    if (encoded.length === 0) return;
    const byTopic = new Map<string, KafkaOutgoing[]>();
    for (const { topic, key, value, headers } of encoded) {
      const name = `${this.settings.topicPrefix}${topic}`;
      byTopic.set(name, [...(byTopic.get(name) ?? []), { key, value, ...(headers ? { headers } : {}) }]);
    }
    await this.topics.ensure([...byTopic.keys()]);
    await this.connectProducer();
    await this.producer.send([...byTopic].map(([topic, batch]) => ({ topic, messages: batch })));
  }

  async subscribe<T extends TopicName>(options: SubscribeOptions<T>): Promise<Subscription> {
    if (options.topics.length === 0) throw new TypeError('topics must not be empty');
    const { topicPrefix } = this.settings;
    await this.topics.ensure([...options.topics, TOPICS.deadLetters].map((topic) => `${topicPrefix}${topic}`));
    const subscription = new KafkaSubscription(this.kafka, this.settings, options, (fields) => this.deadLetter(fields));
    const tracked = subscription as unknown as KafkaSubscription<TopicName>;
    this.subscriptions.add(tracked);
    try {
      await subscription.start();
    } catch (err) {
      await this.closeSubscription(tracked);
      throw err;
    }
    return { close: () => this.closeSubscription(tracked) };
  }

  /** The cluster's metadata (brokers and controller) through the admin client. */
  async ping(): Promise<void> {
    await this.topics.describeCluster();
  }

  /** From the brokers' offsets (see `LagReader`). */
  lag(group: string, topics: readonly TopicName[]): Promise<TopicLag[]> {
    return this.lags.lag(group, topics);
  }

  /** Disconnects every consumer (in-flight handlers finish first), the producer and the admin clients. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => this.closeSubscription(subscription)));
    if (this.producerConnected) await this.producer.disconnect();
    await this.topics.close();
    await this.lags.close();
  }

  /**
   * Stops consuming at once as a crashed process would: nothing in hand is committed, and the
   * group hands this member's partitions to others once its session times out. For fatal errors
   * and failover drills; `close()` is the graceful way.
   */
  abort(): void {
    for (const subscription of this.subscriptions) subscription.crash();
  }

  private connectProducer(): Promise<void> {
    this.producerConnected ??= this.producer.connect().catch((err: unknown) => {
      this.producerConnected = undefined;
      throw err;
    });
    return this.producerConnected;
  }

  private async closeSubscription(subscription: KafkaSubscription<TopicName>): Promise<void> {
    this.subscriptions.delete(subscription);
    await subscription.close();
  }

  private async deadLetter(fields: DeadLetterFields): Promise<void> {
    const event = deadLetterEvent(fields, this.source);
    await this.publish([{ topic: TOPICS.deadLetters, key: event.subject, event }]);
  }
}
