import type { Redis } from 'ioredis';
import type { TopicName } from '@ciba/contracts';
import { abortableSleep } from '../consumer/abortable-sleep.ts';
import { processMessage, type MessageProcessor } from '../consumer/process-message.ts';
import { retryDelay } from '../consumer/retry-policy.ts';
import { ensureConsumerGroups } from './ensure-consumer-groups.ts';
import { pruneIdleConsumers } from './prune-idle-consumers.ts';
import { toStreamEntries, type StreamEntry } from './stream-entry.ts';

export interface PartitionWorkerOptions<T extends TopicName> {
  /** Shared connection for non-blocking commands (XACK, XCLAIM, XAUTOCLAIM). */
  redis: Redis;
  /** This worker's own connection for `XREADGROUP BLOCK`. */
  reader: Redis;
  stream: string;
  topic: T;
  partition: number;
  group: string;
  consumer: string;
  blockMs: number;
  batchSize: number;
  /** Consumers of this stream idle longer than this, holding nothing, are deleted on takeover. */
  pruneIdleMs: number;
  processor: Omit<MessageProcessor<T>, 'signal' | 'nextAttempt'>;
}

/**
 * Works one partition stream for one group while this member holds its lease: first what the
 * group left pending there (a crashed or departed member's entries, claimed to itself), then new
 * entries in order. An entry is acknowledged only after its handler (or dead-lettering) finished:
 * the acknowledgements of a read's entries go out together, in one `XACK`, pipelined with the next
 * `XREADGROUP` on the reader's connection (one round trip per batch instead of one per entry). A
 * crash may thus redeliver up to one batch that was already handled (at least once).
 */
export class PartitionWorker<T extends TopicName> {
  private readonly abort = new AbortController();
  /** Resolves on stop: a reader caught reconnecting never settles its read after `disconnect()`. */
  private readonly stopped = new Promise<null>((resolve) => this.abort.signal.addEventListener('abort', () => resolve(null), { once: true }));
  private crashed = false;
  private done: Promise<void> = Promise.resolve();
  /** Entries handled (or dead-lettered) and not yet acknowledged. */
  private owed: string[] = [];

  constructor(private readonly options: PartitionWorkerOptions<T>) {}

  start(): void {
    this.done = this.run();
  }

  /** Finishes the entry in hand, acknowledges what was handled, leaves the rest pending for the next holder. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.options.reader.disconnect();
    await this.done;
  }

  /** Stops at once without acknowledging anything (a crash); used by `RedisStreamsBus.abort()`. */
  crash(): void {
    this.crashed = true;
    this.abort.abort();
    this.options.reader.disconnect();
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const { processor, stream, group, partition } = this.options;
    for (let failures = 0; !this.stopping; ) {
      try {
        await this.drainPending();
        await this.prune();
        while (!this.stopping) {
          for (const entry of await this.readNew()) {
            if (this.stopping) break;
            await this.handle(entry, 1);
          }
          failures = 0;
        }
      } catch (err) {
        if (this.stopping) break;
        failures += 1;
        processor.logger.warn({ err, stream, group, partition, failures }, 'partition worker error; retrying');
        if (err instanceof Error && err.message.startsWith('NOGROUP')) await ensureConsumerGroups(this.options.redis, [stream], group).catch(() => {});
        await abortableSleep(retryDelay(processor.retry, failures), this.abort.signal);
      }
    }
    if (this.crashed || this.owed.length === 0) return;
    // The reader is closed by now; what was handled is acknowledged on the shared connection.
    await this.flushAcks().catch((err: unknown) => processor.logger.debug({ err, stream, group, partition }, 'acknowledgements left for redelivery'));
  }

  /** Claims every entry the group still has pending on this stream and processes it, oldest first. */
  private async drainPending(): Promise<void> {
    const { redis, stream, group, consumer, batchSize } = this.options;
    let cursor = '0-0';
    do {
      await this.flushAcks();
      const reply = (await redis.xautoclaim(stream, group, consumer, 0, cursor, 'COUNT', batchSize)) as unknown[];
      cursor = String(reply[0]);
      const entries = toStreamEntries(reply[1]);
      const counts = await this.deliveryCounts(entries);
      for (const entry of entries) {
        if (this.stopping) return;
        await this.handle(entry, counts.get(entry.id) ?? 2);
      }
    } while (cursor !== '0-0' && !this.stopping);
    await this.flushAcks();
  }

  /** Acknowledges the handled entries on the shared connection (XACK is idempotent). */
  private async flushAcks(): Promise<void> {
    if (this.owed.length === 0) return;
    const { redis, stream, group } = this.options;
    const ids = this.owed;
    await redis.xack(stream, group, ...ids);
    this.owed = this.owed.slice(ids.length);
  }

  private async prune(): Promise<void> {
    const { redis, stream, group, consumer, pruneIdleMs, processor } = this.options;
    const pruned = await pruneIdleConsumers(redis, stream, group, consumer, pruneIdleMs);
    if (pruned > 0) processor.logger.debug({ stream, group, pruned }, 'idle consumers pruned');
  }

  private async deliveryCounts(entries: StreamEntry[]): Promise<Map<string, number>> {
    const first = entries[0];
    const last = entries[entries.length - 1];
    if (!first || !last) return new Map();
    const { redis, stream, group, consumer } = this.options;
    const rows = (await redis.xpending(stream, group, first.id, last.id, entries.length + 16, consumer)) as unknown[];
    return new Map(rows.map((row) => [String((row as unknown[])[0]), Number((row as unknown[])[3])]));
  }

  /** Acknowledges what was handled and reads the next entries, in one pipelined round trip. */
  private async readNew(): Promise<StreamEntry[]> {
    const { reader, stream, group, consumer, batchSize, blockMs } = this.options;
    const acked = this.owed;
    const pipeline = reader.pipeline();
    if (acked.length > 0) pipeline.xack(stream, group, ...acked);
    pipeline.xreadgroup('GROUP', group, consumer, 'COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', stream, '>');
    const exec = pipeline.exec();
    exec.catch(() => {}); // it may settle after a stop, when nobody awaits it any more
    const replies = await Promise.race([exec, this.stopped]);
    if (!replies) return [];
    const [ackReply, readReply] = acked.length > 0 ? replies : [undefined, replies[0]];
    if (ackReply?.[0]) throw ackReply[0];
    this.owed = this.owed.slice(acked.length);
    if (readReply?.[0]) throw readReply[0];
    const streams = readReply?.[1] as Array<[string, unknown]> | null | undefined;
    return streams?.[0] && !this.stopping ? toStreamEntries(streams[0][1]) : [];
  }

  private async handle(entry: StreamEntry, attempt: number): Promise<void> {
    const { redis, stream, group, consumer, topic, partition, processor } = this.options;
    if (entry.fields) {
      const outcome = await processMessage(
        {
          ...processor,
          signal: this.abort.signal,
          // XCLAIM to ourselves bumps the entry's delivery count, so attempts survive a crash.
          nextAttempt: async (previous) => ((await redis.xclaim(stream, group, consumer, 0, entry.id)).length > 0 ? previous + 1 : null),
        },
        { topic, raw: entry.fields['event'], key: entry.fields['key'] ?? '', partition, position: entry.id, attempt },
      );
      if (outcome === 'abandoned') return;
    }
    this.owed.push(entry.id);
  }
}
