import { randomBytes } from 'node:crypto';
import { CHANNEL_OFFERS_TOPIC_PREFIX, isChannelOffersTopic, TOPICS } from '@ciba/contracts';
import type { EventBusLogger } from '../event-bus-logger.ts';
import type { KafkaAdminPort, KafkaClient, KafkaClientOptions, KafkaConsumerPort, KafkaOffset } from '../kafka/kafka-client.ts';
import { kafkajsClient } from '../kafka/kafkajs-client.ts';
import type { EventTap, TapReadOptions, TapStart } from './event-tap.ts';

export interface KafkaTapOptions {
  brokers: string[];
  clientId: string;
  logger: EventBusLogger;
  /** `KAFKA_TOPIC_PREFIX`. @defaultValue '' */
  topicPrefix?: string;
  ssl?: KafkaClientOptions['ssl'];
  sasl?: KafkaClientOptions['sasl'];
  /** @defaultValue kafkajs */
  client?: (options: KafkaClientOptions) => KafkaClient;
}

/** Group ids of taps start with this (after the prefix), so operators can tell them from the services'. */
export const TAP_GROUP_PREFIX = 'ciba-events-monitor.';

/**
 * A Kafka tap: each read is a consumer in a group of its own (`<prefix>ciba-events-monitor.<random>`)
 * that seeks every partition to its start, never commits, and is deleted when the read ends. A tap
 * killed outright leaves an empty group without offsets, which the broker drops by itself.
 */
export class KafkaTap implements EventTap {
  private readonly kafka: KafkaClient;
  private readonly admin: KafkaAdminPort;
  private readonly prefix: string;
  private readonly reads = new Set<() => Promise<void>>();
  private connected?: Promise<void>;

  constructor(private readonly options: KafkaTapOptions) {
    this.prefix = options.topicPrefix ?? '';
    this.kafka = (options.client ?? kafkajsClient)({
      clientId: options.clientId,
      brokers: options.brokers,
      logger: options.logger,
      ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
      ...(options.sasl !== undefined ? { sasl: options.sasl } : {}),
    });
    this.admin = this.kafka.admin();
  }

  async existingTopics(): Promise<string[]> {
    await this.connect();
    const offers = (await this.admin.listTopics())
      .filter((name) => name.startsWith(`${this.prefix}${CHANNEL_OFFERS_TOPIC_PREFIX}`))
      .map((name) => name.slice(this.prefix.length))
      .filter(isChannelOffersTopic);
    return [...Object.values(TOPICS), ...offers.sort()];
  }

  async read(options: TapReadOptions): Promise<void> {
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const topics = options.topics.map((topic) => `${this.prefix}${topic}`).filter((name) => existing.has(name));
    const { start, ends } = await this.positions(topics, options.from);
    options.onReady?.();
    const next = new Map(start.map(({ topic, partition, offset }) => [`${topic}:${partition}`, BigInt(offset)]));
    const done = () => !options.follow && [...next].every(([at, offset]) => offset >= (ends.get(at) ?? 0n));
    if (topics.length === 0 || done()) return;

    const groupId = `${this.prefix}${TAP_GROUP_PREFIX}${randomBytes(8).toString('hex')}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3000, rebalanceTimeout: 60_000 });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const stop = async () => {
      finish();
      await consumer.disconnect().catch(() => {});
      await this.admin.deleteGroup(groupId).catch((err: unknown) => this.options.logger.warn({ err, group: groupId }, 'could not delete the monitor consumer group'));
    };
    this.reads.add(stop);
    try {
      await consumer.connect();
      await consumer.run(topics, 1, async ({ topic, partition, offset, key, value }) => {
        const at = `${topic}:${partition}`;
        if (!options.follow && BigInt(offset) >= (ends.get(at) ?? 0n)) return;
        next.set(at, BigInt(offset) + 1n);
        await options.onMessage({ topic: topic.slice(this.prefix.length), partition, position: offset, key: key?.toString('utf8') ?? '', value: value?.toString('utf8') ?? null });
        if (done()) finish();
      }, start);
      await finished;
    } finally {
      this.reads.delete(stop);
      await stop();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.reads].map((stop) => stop()));
    if (this.connected) await this.admin.disconnect().catch(() => {});
  }

  /** Where each partition starts, and the high watermark of each when the read starts. */
  private async positions(topics: string[], from: TapStart): Promise<{ start: KafkaOffset[]; ends: Map<string, bigint> }> {
    const start: KafkaOffset[] = [];
    const ends = new Map<string, bigint>();
    for (const topic of topics) {
      const offsets = await this.admin.topicOffsets(topic);
      const at = typeof from === 'object' ? new Map((await this.admin.offsetsAt(topic, from.sinceMs)).map((o) => [o.partition, o.offset])) : undefined;
      for (const { partition, low, high } of offsets) {
        ends.set(`${topic}:${partition}`, BigInt(high));
        start.push({ topic, partition, offset: at?.get(partition) ?? String(from === 'beginning' ? low : high) });
      }
    }
    return { start, ends };
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((err: unknown) => {
      this.connected = undefined;
      throw err;
    });
    return this.connected;
  }
}
