import type { Redis } from 'ioredis';
import type { TopicName } from '@ciba/contracts';
import { abortableSleep } from '../consumer/abortable-sleep.ts';
import { processMessage, type MessageProcessor } from '../consumer/process-message.ts';
import { retryDelay } from '../consumer/retry-policy.ts';
import { ensureConsumerGroups } from './ensure-consumer-groups.ts';
import type { ReadTarget } from './group-reader.ts';
import { pruneIdleConsumers } from './prune-idle-consumers.ts';
import { toStreamEntries, type StreamEntry } from './stream-entry.ts';
import { decodeHeaders } from '../tracing/decode-headers.ts';

export interface PartitionWorkerOptions<T extends TopicName> {
  /** Shared connection for non-blocking commands (XAUTOCLAIM, XCLAIM, XACK outside a read). */
  redis: Redis;
  stream: string;
  topic: T;
  partition: number;
  group: string;
  consumer: string;
  batchSize: number;
  /** Consumers of this stream idle longer than this, holding nothing, are deleted on takeover. */
  pruneIdleMs: number;
  processor: Omit<MessageProcessor<T>, 'signal' | 'nextAttempt'>;
  /** Called whenever the worker becomes ready for more entries. */
  onReady(): void;
}

/**
 * Works one partition stream for one group while this member holds its lease: first what the
 * group left pending there (a crashed or departed member's entries, claimed to itself), one at a
 * time, then the entries the group's reader hands it, in order per key. It asks for more only when it has
 * nothing in hand (`ready`). An entry is acknowledged only after its handler (or dead-lettering)
 * finished; the reader sends the acknowledgements with its next read (`takeAcks`), so a crash may
 * redeliver an entry that was already handled (at least once).
 */
export class PartitionWorker<T extends TopicName> implements ReadTarget {
  private readonly abort = new AbortController();
  private crashed = false;
  private busy = true;
  private work: Promise<void> = Promise.resolve();
  /** Entries handled (or dead-lettered) and not yet acknowledged. */
  private owed: string[] = [];

  constructor(private readonly options: PartitionWorkerOptions<T>) {}

  /** Nothing in hand, pending entries drained: the reader may read this stream. */
  get ready(): boolean {
    return !this.busy && !this.stopping;
  }

  /** Claims and handles what the group left pending here, then reports ready. */
  start(): void {
    this.recover();
  }

  /**
   * Handles entries just read for this stream (the reader calls it only when `ready`): in order per
   * key, and the keys side by side, since the bus promises order per key only. Concurrent handlers
   * let a consumer's statements share batches (`coalescingBatcher`): with one entry at a time per
   * partition a group had at most `partitions` handlers running. The step ends when every key's
   * entries are done; the first failure, if any, then fails it (the stream's pending entries are
   * drained again, so an entry whose key stopped early is redelivered).
   */
  deliver(entries: readonly StreamEntry[]): void {
    this.run(async () => {
      const byKey = new Map<string, StreamEntry[]>();
      for (const entry of entries) {
        const key = entry.fields?.['key'] ?? '';
        const queue = byKey.get(key);
        if (queue) queue.push(entry);
        else byKey.set(key, [entry]);
      }
      const results = await Promise.allSettled(
        [...byKey.values()].map(async (queue) => {
          for (const entry of queue) {
            if (this.stopping) return;
            await this.handle(entry, 1);
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
  }

  /** Drains what is pending here again: a read of this stream failed, its entries may be ours unseen. */
  recover(): void {
    this.run(() => this.drainPending());
  }

  /** The handled entries' ids, to acknowledge; the caller gives back what it could not acknowledge. */
  takeAcks(): string[] {
    const ids = this.owed;
    this.owed = [];
    return ids;
  }

  giveBackAcks(ids: readonly string[]): void {
    this.owed = [...ids, ...this.owed];
  }

  /** Takes no further entry after the one in hand; `stop()` then waits for it. */
  halt(): void {
    this.abort.abort();
  }

  /** Finishes the entry in hand, acknowledges what was handled, leaves the rest pending for the next holder. */
  async stop(): Promise<void> {
    this.halt();
    await this.work;
    if (this.crashed) return;
    const { stream, group, partition, processor } = this.options;
    await this.flushAcks().catch((err: unknown) => processor.logger.debug({ err, stream, group, partition }, 'acknowledgements left for redelivery'));
  }

  /** Stops at once without acknowledging anything (a crash); used by `RedisStreamsBus.abort()`. */
  crash(): void {
    this.crashed = true;
    this.abort.abort();
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  /** Runs one step at a time; a failing step is retried by draining the stream's pending entries. */
  private run(step: () => Promise<void>): void {
    this.busy = true;
    this.work = this.work.then(async () => {
      const { processor, stream, group, partition, redis } = this.options;
      for (let failures = 0, next = step; !this.stopping; ) {
        try {
          await next();
          break;
        } catch (err) {
          if (this.stopping) break;
          failures += 1;
          processor.logger.warn({ err, stream, group, partition, failures }, 'partition worker error; retrying');
          if (err instanceof Error && err.message.startsWith('NOGROUP')) await ensureConsumerGroups(redis, [stream], group).catch(() => {});
          await abortableSleep(retryDelay(processor.retry, failures), this.abort.signal);
          next = () => this.drainPending();
        }
      }
      this.busy = false;
      if (!this.stopping) this.options.onReady();
    });
  }

  /** Claims every entry the group still has pending on this stream and processes it, oldest first. */
  private async drainPending(): Promise<void> {
    const { redis, stream, group, consumer, batchSize, pruneIdleMs, processor } = this.options;
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
    const pruned = await pruneIdleConsumers(redis, stream, group, consumer, pruneIdleMs);
    if (pruned > 0) processor.logger.debug({ stream, group, pruned }, 'idle consumers pruned');
  }

  /** Acknowledges the handled entries on the shared connection (XACK is idempotent). */
  private async flushAcks(): Promise<void> {
    const ids = this.takeAcks();
    if (ids.length === 0) return;
    const { redis, stream, group } = this.options;
    try {
      await redis.xack(stream, group, ...ids);
    } catch (err) {
      this.giveBackAcks(ids);
      throw err;
    }
  }

  private async deliveryCounts(entries: StreamEntry[]): Promise<Map<string, number>> {
    const first = entries[0];
    const last = entries[entries.length - 1];
    if (!first || !last) return new Map();
    const { redis, stream, group, consumer } = this.options;
    const rows = (await redis.xpending(stream, group, first.id, last.id, entries.length + 16, consumer)) as unknown[];
    return new Map(rows.map((row) => [String((row as unknown[])[0]), Number((row as unknown[])[3])]));
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
        { topic, raw: entry.fields['event'], key: entry.fields['key'] ?? '', partition, position: entry.id, attempt, ...headersOf(entry.fields) },
      );
      if (outcome === 'abandoned') return;
    }
    this.owed.push(entry.id);
  }
}

/** The entry's `headers` field (a JSON object), when it has a usable one. */
function headersOf(fields: Record<string, string>): { headers?: Record<string, string> } {
  const headers = decodeHeaders(fields['headers']);
  return headers ? { headers } : {};
}
