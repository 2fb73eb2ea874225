import type { Redis } from 'ioredis';
import type { EventBusLogger } from '../event-bus-logger.ts';
import { abortableSleep } from '../consumer/abortable-sleep.ts';
import { retryDelay, type RetryPolicy } from '../consumer/retry-policy.ts';
import { WakeSignal } from '../outbox/wake-signal.ts';
import { ensureConsumerGroups } from './ensure-consumer-groups.ts';
import { toStreamEntries, type StreamEntry } from './stream-entry.ts';

/** What the reader reads for: one partition stream's worker. */
export interface ReadTarget {
  /** Nothing in hand: its stream may be read. */
  readonly ready: boolean;
  deliver(entries: readonly StreamEntry[]): void;
  /** Drain the stream's pending entries: a read of it failed, some may have been delivered unseen. */
  recover(): void;
  takeAcks(): string[];
  giveBackAcks(ids: readonly string[]): void;
}

export interface GroupReaderOptions {
  /** This reader's own connection, for `XREADGROUP BLOCK`. */
  reader: Redis;
  /** Shared connection (consumer groups recreated after NOGROUP). */
  redis: Redis;
  group: string;
  consumer: string;
  /** Entries fetched per stream per read. */
  batchSize: number;
  /** Longest blocking read. */
  blockMs: number;
  /**
   * How long the reader waits for busy workers to finish before reading for the idle ones only; also
   * the block of a read made while some are busy, so they are read again soon after they finish.
   * @defaultValue 25
   */
  gatherMs?: number;
  retry: RetryPolicy;
  logger: EventBusLogger;
}

/**
 * Reads every partition stream this member works for one group with one blocking connection: one
 * `XREADGROUP ... STREAMS s1 s2 ... > > ...` over the streams whose workers are ready, the
 * acknowledgements of what they handled since (one `XACK` per stream) pipelined ahead of it, and
 * each stream's entries handed to its worker. The workers handle concurrently, each in order. The
 * next read waits until the workers it fed are done (at most `gatherMs`), so a read serves many
 * partitions and one round trip carries their acknowledgements, instead of one read and one
 * acknowledgement per partition and entry.
 */
export class GroupReader {
  private readonly targets = new Map<string, ReadTarget>();
  private readonly abort = new AbortController();
  /** Resolves on stop: a read caught reconnecting never settles after `disconnect()`. */
  private readonly stopped = new Promise<null>((resolve) => this.abort.signal.addEventListener('abort', () => resolve(null), { once: true }));
  private readonly changed = new WakeSignal();
  private inFlight: { streams: ReadonlySet<string>; done: Promise<void> } | undefined;
  private lastDelivery = 0;
  private done: Promise<void> = Promise.resolve();
  /** Set when the connection came back: a reply lost with the old one may have left entries pending to us. */
  private reconnected = false;
  private readonly gatherMs: number;

  constructor(private readonly options: GroupReaderOptions) {
    this.gatherMs = options.gatherMs ?? 25;
    let connected = false;
    options.reader.on('ready', () => {
      if (connected) this.reconnected = true;
      connected = true;
      this.changed.notify();
    });
  }

  start(): void {
    this.done = this.run();
  }

  /** Reads `stream` for `target` from the next read on. */
  add(stream: string, target: ReadTarget): void {
    this.targets.set(stream, target);
    this.changed.notify();
  }

  /**
   * Stops reading `stream`; resolves once no round trip in flight covers it (its read, its
   * acknowledgements), so entries read from it after this member lets its lease go are left pending
   * for the next holder rather than taken unseen, and its worker then acknowledges what it handled.
   */
  async remove(stream: string): Promise<void> {
    this.targets.delete(stream);
    this.changed.notify();
    const inFlight = this.inFlight;
    if (inFlight?.streams.has(stream)) await inFlight.done;
  }

  /** Something changed for a worker (it became ready): reconsider the next read. */
  wake(): void {
    this.changed.notify();
  }

  /** Stops reading and closes the connection; acknowledgements in flight go back to their workers. */
  async close(): Promise<void> {
    this.abort.abort();
    this.changed.notify();
    this.options.reader.disconnect();
    await this.done;
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const { reader, redis, group, consumer, batchSize, logger } = this.options;
    for (let failures = 0; !this.stopping; ) {
      const next = await this.nextRead();
      if (!next) break;
      const acks = new Map<string, { target: ReadTarget; ids: string[] }>();
      for (const [stream, target] of this.targets) {
        const ids = target.takeAcks();
        if (ids.length > 0) acks.set(stream, { target, ids });
      }
      const pipeline = reader.pipeline();
      for (const [stream, { ids }] of acks) pipeline.xack(stream, group, ...ids);
      pipeline.xreadgroup('GROUP', group, consumer, 'COUNT', batchSize, 'BLOCK', next.blockMs, 'STREAMS', ...next.streams, ...next.streams.map(() => '>'));
      let finished = () => {};
      this.inFlight = { streams: new Set([...next.streams, ...acks.keys()]), done: new Promise<void>((resolve) => (finished = resolve)) };
      try {
        const exec = pipeline.exec();
        exec.catch(() => {}); // it may settle after a stop, when nobody awaits it any more
        const replies = await Promise.race([exec, this.stopped]);
        if (!replies) {
          this.giveBack(acks);
          break;
        }
        const ackFailure = replies.slice(0, acks.size).find(([err]) => err);
        if (ackFailure) {
          this.giveBack(acks);
          throw ackFailure[0];
        }
        const [readError, read] = replies[acks.size] ?? [new Error('no reply to XREADGROUP')];
        if (readError) throw readError;
        this.deliver(read);
        failures = 0;
      } catch (err) {
        this.giveBack(acks);
        if (this.stopping) break;
        failures += 1;
        logger.warn({ err, group, streams: next.streams.length, failures }, 'group read failed; retrying');
        if (err instanceof Error && err.message.startsWith('NOGROUP')) await ensureConsumerGroups(redis, next.streams, group).catch(() => {});
        for (const stream of next.streams) this.targets.get(stream)?.recover();
        await abortableSleep(retryDelay(this.options.retry, failures), this.abort.signal);
      } finally {
        this.inFlight = undefined;
        finished();
      }
    }
  }

  /**
   * The streams to read next and how long to block: those whose workers are ready, once every worker
   * is (or `gatherMs` after the last delivery); while some are still busy, a short block only.
   * After a reconnect every worker first drains what is pending to this member.
   */
  private async nextRead(): Promise<{ streams: string[]; blockMs: number } | undefined> {
    for (;;) {
      if (this.stopping) return undefined;
      if (this.reconnected) {
        this.reconnected = false;
        for (const target of this.targets.values()) target.recover();
      }
      const streams: string[] = [];
      let busy = false;
      for (const [stream, target] of this.targets) {
        if (target.ready) streams.push(stream);
        else busy = true;
      }
      const waited = Date.now() - this.lastDelivery;
      if (streams.length > 0 && (!busy || waited >= this.gatherMs)) return { streams, blockMs: busy ? Math.min(this.gatherMs, this.options.blockMs) : this.options.blockMs };
      await this.changed.wait(streams.length > 0 ? this.gatherMs - waited : this.options.blockMs);
    }
  }

  private deliver(read: unknown): void {
    if (!Array.isArray(read) || this.stopping) return;
    for (const item of read) {
      if (!Array.isArray(item)) continue;
      const target = this.targets.get(String(item[0]));
      const entries = toStreamEntries(item[1]);
      // A stream removed meanwhile keeps its entries pending, for the next holder of its lease.
      if (!target || entries.length === 0) continue;
      target.deliver(entries);
      this.lastDelivery = Date.now();
    }
  }

  /** Unconfirmed acknowledgements return to their workers (even removed ones, which send them on stop). */
  private giveBack(acks: Map<string, { target: ReadTarget; ids: string[] }>): void {
    for (const { target, ids } of acks.values()) target.giveBackAcks(ids);
    acks.clear();
  }
}
