import { randomBytes } from 'node:crypto';
import { CHANNEL_OFFERS_TOPIC_PREFIX, isChannelOffersTopic, TOPICS } from '@ciba/contracts';
import type { EventBusLogger } from '../event-bus-logger.ts';
import type { KafkaAdminPort, KafkaClient, KafkaClientOptions } from '../kafka/kafka-client.ts';
import { kafkajsClient } from '../kafka/kafkajs-client.ts';
import type { EventTap, TapReadOptions } from './event-tap.ts';
import { pollUntil } from './poll-until.ts';
import { startPositions } from './start-positions.ts';

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
  private closed = false;

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
    const wanted = options.topics.map((topic) => `${this.prefix}${topic}`);
    const present = async () => new Set(await this.admin.listTopics());
    const existing = await present();
    let topics = wanted.filter((name) => existing.has(name));
    const { start, ends } = await startPositions(this.admin, topics, options.from);
    options.onReady?.();
    const next = new Map(start.map(({ topic, partition, offset }) => [`${topic}:${partition}`, offset]));
    const done = () => !options.follow && [...next].every(([at, offset]) => BigInt(offset) >= (ends.get(at) ?? 0n));
    for (;;) {
      if (this.closed || done()) return;
      // Following, a topic created after the start (the services create theirs on first publish) is
      // read from its beginning: this consumer stops and the next one takes every topic, each
      // partition where this one left off.
      const grown = options.follow ? () => present().then((now) => wanted.some((name) => now.has(name) && !topics.includes(name))) : undefined;
      if (topics.length > 0) await this.consume(topics, next, ends, options, done, grown);
      else if (grown) await pollUntil(grown, () => this.closed);
      if (this.closed || !options.follow) return;
      const now = await present();
      for (const name of wanted.filter((n) => now.has(n) && !topics.includes(n))) {
        topics = [...topics, name];
        for (const { partition, low } of await this.admin.topicOffsets(name)) next.set(`${name}:${partition}`, String(low));
      }
    }
  }

  /**
   * One consumer, in a group of its own, from `next` on; ends when the read is `done`, when the tap
   * closes, or when `grown` says a wanted topic appeared (checked every 2 s).
   */
  private async consume(topics: string[], next: Map<string, string>, ends: Map<string, bigint>, options: TapReadOptions, done: () => boolean, grown?: () => Promise<boolean>): Promise<void> {
    const groupId = `${this.prefix}${TAP_GROUP_PREFIX}${randomBytes(8).toString('hex')}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3000, rebalanceTimeout: 60_000 });
    let finish!: () => void;
    let ended = false;
    let failure: unknown;
    const finished = new Promise<void>((resolve) => (finish = resolve)).then(() => void (ended = true));
    let stopping: Promise<void> | undefined;
    // A consumer kafkajs will not restart ends the read with its error: a monitor says so rather than hang.
    consumer.onCrash((err, restarting) => {
      if (restarting || stopping) return;
      failure = err;
      finish();
    });
    const stop = () =>
      (stopping ??= (async () => {
        finish();
        await consumer.disconnect().catch(() => {});
        await this.admin.deleteGroup(groupId).catch((err: unknown) => this.options.logger.warn({ err, group: groupId }, 'could not delete the monitor consumer group'));
      })());
    this.reads.add(stop);
    const startAt = [...next].filter(([at]) => topics.some((t) => at.startsWith(`${t}:`))).map(([at, offset]) => {
      const split = at.lastIndexOf(':');
      return { topic: at.slice(0, split), partition: Number(at.slice(split + 1)), offset };
    });
    try {
      await consumer.connect();
      await consumer.run(topics, 1, async ({ topic, partition, offset, key, value }) => {
        const at = `${topic}:${partition}`;
        if (stopping || (!options.follow && BigInt(offset) >= (ends.get(at) ?? 0n))) return;
        next.set(at, (BigInt(offset) + 1n).toString());
        await options.onMessage({ topic: topic.slice(this.prefix.length), partition, position: offset, key: key?.toString('utf8') ?? '', value: value?.toString('utf8') ?? null });
        if (done()) finish();
      }, startAt);
      await (grown ? Promise.race([finished, pollUntil(grown, () => this.closed || ended)]) : finished);
      if (failure) throw failure;
    } finally {
      this.reads.delete(stop);
      await stop();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.reads].map((stop) => stop()));
    if (this.connected) await this.admin.disconnect().catch(() => {});
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((err: unknown) => {
      this.connected = undefined;
      throw err;
    });
    return this.connected;
  }
}
