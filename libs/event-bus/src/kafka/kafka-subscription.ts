import type { TopicName } from '@ciba/contracts';
import type { SubscribeOptions, Subscription } from '../event-bus.ts';
import { abortableSleep } from '../consumer/abortable-sleep.ts';
import type { DeadLetterFields } from '../consumer/dead-letter-event.ts';
import { processMessage } from '../consumer/process-message.ts';
import { retryDelay } from '../consumer/retry-policy.ts';
import type { KafkaSettings } from './kafka-bus-options.ts';
import type { KafkaBatch, KafkaClient, KafkaConsumerPort } from './kafka-client.ts';

/**
 * One consumer in group `<topicPrefix><group>`. Partitions are consumed concurrently, and within a
 * fetched batch the keys too, each key in order; the offset is committed once per batch, only past
 * messages whose handler (or dead-lettering) finished, so a crash or a rebalance redelivers what
 * was in hand. A new group starts from the earliest retained offset.
 * Attempts are counted per delivery session: Kafka does not record redeliveries.
 *
 * kafkajs restarts a consumer that crashed on a retriable error (a broker gone, a coordinator
 * loading) by itself; one that crashed on any other error it leaves stopped, which would leave the
 * group short of a member for good. This subscription then starts a new consumer, with backoff, until
 * one runs or it is closed.
 */
export class KafkaSubscription<T extends TopicName> implements Subscription {
  private readonly abort = new AbortController();
  private consumer?: KafkaConsumerPort;
  private crashed = false;
  private disconnecting?: Promise<void>;
  private restarting?: Promise<void>;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly settings: KafkaSettings,
    private readonly options: SubscribeOptions<T>,
    private readonly deadLetter: (fields: DeadLetterFields) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    const { sessionTimeout, heartbeatInterval, rebalanceTimeout, partitions, topicPrefix, logger } = this.settings;
    // Group ids are cluster-wide like topic names: the prefix keeps deployments sharing a cluster apart.
    const consumer = this.kafka.consumer({ groupId: `${topicPrefix}${this.options.group}`, sessionTimeout, heartbeatInterval, rebalanceTimeout });
    this.consumer = consumer;
    consumer.onCrash((err, restarting) => {
      if (restarting || this.abort.signal.aborted || this.crashed) return;
      logger.error({ err, group: this.options.group }, 'kafka consumer stopped after a crash; starting a new one');
      this.restarting ??= this.restart().finally(() => (this.restarting = undefined));
    });
    await consumer.connect();
    await consumer.runBatches(
      this.options.topics.map((topic) => `${topicPrefix}${topic}`),
      partitions,
      (batch) => this.eachBatch(batch),
    );
  }

  /** Stops fetching, lets the message in hand finish (retries are cut short), leaves the group. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.restarting;
    this.disconnecting ??= this.consumer?.disconnect();
    await this.disconnecting;
  }

  /**
   * Stops like a crashed process: nothing more is committed and fetching (hence heartbeating)
   * stops at once, so the group reassigns this member's partitions after its session times out.
   */
  crash(): void {
    this.crashed = true;
    this.abort.abort();
    this.disconnecting ??= this.consumer?.disconnect().catch(() => {});
  }

  /** A new consumer in place of one kafkajs gave up on; tried again with backoff until it runs or the subscription closes. */
  private async restart(): Promise<void> {
    for (let failures = 1; !this.abort.signal.aborted; failures++) {
      await abortableSleep(retryDelay(this.settings.retry, failures), this.abort.signal);
      if (this.abort.signal.aborted) return;
      await this.consumer?.disconnect().catch(() => {});
      try {
        await this.start();
        return;
      } catch (err) {
        this.settings.logger.warn({ err, group: this.options.group, failures }, 'kafka consumer could not be started again; retrying');
      }
    }
  }

  /**
   * One fetched batch of a partition: the messages of different keys side by side, each key's in
   * order (the bus promises order per key), so a group has more handlers in flight to share statement
   * batches than it has partitions. Then one commit: the offset after the longest run of handled
   * messages from the batch's start. Messages handled past a gap (closing, a rebalance) are
   * delivered again, as at least once allows.
   */
  private async eachBatch({ topic, partition, messages, heartbeat, pause, isStale }: KafkaBatch): Promise<string | null> {
    const byKey = new Map<string, KafkaBatch['messages'][number][]>();
    for (const message of messages) {
      const key = message.key?.toString('utf8') ?? '';
      const queue = byKey.get(key);
      if (queue) queue.push(message);
      else byKey.set(key, [message]);
    }
    const handled = new Set<string>();
    let stopped = false;
    await Promise.all(
      [...byKey.values()].map(async (queue) => {
        for (const message of queue) {
          if (stopped || this.abort.signal.aborted || isStale()) return;
          if ((await this.handle(topic, partition, message, heartbeat)) === 'abandoned') {
            stopped = true;
            return;
          }
          handled.add(message.offset);
        }
      }),
    );
    let last: string | null = null;
    for (const message of messages) {
      if (!handled.has(message.offset)) break;
      last = message.offset;
    }
    if (this.crashed) {
      pause(); // a crash commits nothing
      return null;
    }
    if (last !== null) await this.consumer?.commit(topic, partition, (BigInt(last) + 1n).toString());
    if (stopped || this.abort.signal.aborted) pause(); // closing: what is left stays uncommitted for the next member
    return last;
  }

  /** One message through the handler with retries and dead-lettering (`processMessage`). */
  private handle(topic: string, partition: number, message: KafkaBatch['messages'][number], heartbeat: () => Promise<void>) {
    const { group, handler, maxAttempts = 5 } = this.options;
    const { logger, retry, topicPrefix } = this.settings;
    return processMessage(
      {
        system: 'kafka',
        group,
        handler,
        maxAttempts,
        retry,
        logger,
        signal: this.abort.signal,
        deadLetter: this.deadLetter,
        nextAttempt: async (attempt) => {
          await heartbeat();
          return attempt + 1;
        },
      },
      {
        topic: topic.slice(topicPrefix.length) as T,
        raw: message.value,
        key: message.key?.toString('utf8') ?? '',
        partition,
        position: message.offset,
        attempt: 1,
        ...(message.headers ? { headers: message.headers } : {}),
      },
    );
  }
}
