import { Redis } from 'ioredis';
import { TOPICS, type TopicName } from '@ciba/contracts';
import type { EventBus, OutgoingMessage, SubscribeOptions, Subscription, TopicLag } from '../event-bus.ts';
import { deadLetterEvent, type DeadLetterFields } from '../consumer/dead-letter-event.ts';
import { DEFAULT_RETRY_POLICY } from '../consumer/retry-policy.ts';
import { publishToStreams } from './publish-to-streams.ts';
import type { RedisStreamsBusOptions, RedisStreamsSettings } from './redis-streams-bus-options.ts';
import { RedisSubscription } from './redis-subscription.ts';
import { streamLag } from './stream-lag.ts';

/**
 * The event bus on Redis Streams, used when Kafka is not configured. Each topic is split into
 * `partitions` streams `<ns>:<topic>:<p>` (p = hash(key) % partitions), each group consumes a
 * stream through a Redis consumer group, and a lease per (group, partition) lets only one member
 * work a partition at a time, so events are ordered per key across instances. At least once:
 * entries are acknowledged after their handler resolves; what a crashed member held is claimed
 * and redelivered by the next holder of its partitions. Streams are capped at about `maxLen`
 * entries each: a group lagging further than that loses the oldest entries.
 */
export class RedisStreamsBus implements EventBus {
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly settings: RedisStreamsSettings;
  private readonly subscriptions = new Set<RedisSubscription<TopicName>>();
  private readonly source: string;

  constructor(options: RedisStreamsBusOptions) {
    if (!options.redis && !options.redisUrl) throw new TypeError('redisUrl or redis is required');
    this.settings = {
      namespace: options.namespace ?? 'ciba',
      partitions: options.partitions ?? 8,
      clientId: options.clientId,
      logger: options.logger,
      blockMs: options.blockMs ?? 2000,
      leaseMs: options.leaseMs ?? 15_000,
      maxLen: options.maxLen ?? 1_000_000,
      batchSize: options.batchSize ?? 16,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    };
    if (!Number.isInteger(this.settings.partitions) || this.settings.partitions < 1) throw new RangeError('partitions must be a positive integer');
    this.ownsConnection = !options.redis;
    this.redis = options.redis ?? new Redis(options.redisUrl as string, { maxRetriesPerRequest: null, connectionName: `${options.clientId}:bus` });
    if (this.ownsConnection) this.redis.on('error', (err) => options.logger.warn({ err }, 'redis connection error'));
    this.source = options.clientId.startsWith('/') ? options.clientId : `/services/${options.clientId}`;
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    return publishToStreams(this.redis, this.settings, messages);
  }

  async subscribe<T extends TopicName>(options: SubscribeOptions<T>): Promise<Subscription> {
    if (options.topics.length === 0) throw new TypeError('topics must not be empty');
    const subscription = new RedisSubscription(this.redis, this.settings, options, (fields) => this.deadLetter(fields));
    this.subscriptions.add(subscription as unknown as RedisSubscription<TopicName>);
    try {
      await subscription.start();
    } catch (err) {
      await this.closeSubscription(subscription as unknown as RedisSubscription<TopicName>);
      throw err;
    }
    return { close: () => this.closeSubscription(subscription as unknown as RedisSubscription<TopicName>) };
  }

  /** PING on the bus' connection; a connection that is not ready fails at once instead of queueing it. */
  async ping(): Promise<void> {
    if (this.redis.status !== 'ready') throw new Error(`redis connection ${this.redis.status}`);
    await this.redis.ping();
  }

  /** From XINFO GROUPS on every partition stream (see `streamLag`). */
  lag(group: string, topics: readonly TopicName[]): Promise<TopicLag[]> {
    return streamLag(this.redis, this.settings, group, topics);
  }

  /** Stops every consumer (in-flight handlers finish), releases leases, closes the connections. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => this.closeSubscription(subscription)));
    if (!this.ownsConnection || this.redis.status === 'end') return;
    // QUIT only on a live connection: on one that is reconnecting it would wait for Redis to return.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /**
   * Stops at once as a crashed process would: connections are dropped, nothing in hand is
   * acknowledged and leases are left to expire, after which other members redeliver what this
   * one held. For fatal errors and failover drills; `close()` is the graceful way.
   */
  abort(): void {
    for (const subscription of this.subscriptions) subscription.abort();
    this.subscriptions.clear();
    if (this.ownsConnection) this.redis.disconnect();
  }

  private async closeSubscription(subscription: RedisSubscription<TopicName>): Promise<void> {
    this.subscriptions.delete(subscription);
    await subscription.close();
  }

  private async deadLetter(fields: DeadLetterFields): Promise<void> {
    const event = deadLetterEvent(fields, this.source);
    await this.publish([{ topic: TOPICS.deadLetters, key: event.subject, event }]);
  }
}
