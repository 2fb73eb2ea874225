import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TopicName } from '@ciba/contracts';
import type { SubscribeOptions, Subscription } from '../event-bus.ts';
import type { DeadLetterFields } from '../consumer/dead-letter-event.ts';
import type { RedisStreamsSettings } from './redis-streams-bus-options.ts';
import { ensureConsumerGroups } from './ensure-consumer-groups.ts';
import { GroupReader } from './group-reader.ts';
import { LeaseStore } from './lease-store.ts';
import { PartitionWorker } from './partition-worker.ts';
import { streamKeys } from './stream-keys.ts';

interface Unit<T extends TopicName> {
  topic: T;
  partition: number;
  stream: string;
  leaseKey: string;
}

/**
 * One member of a consumer group. Every `leaseMs / 3` it heartbeats, renews its partition leases,
 * and rebalances towards its fair share `ceil(units / members)`: it hands back extra partitions
 * (after finishing the entry in hand) and takes free ones. A partition is thus worked by one member
 * at a time, in order, while different partitions run concurrently. One `GroupReader` (one blocking
 * connection) reads all of this member's partitions for the group.
 */
export class RedisSubscription<T extends TopicName> implements Subscription {
  private readonly member: string;
  private readonly units: Unit<T>[];
  private readonly membersKey: string;
  private readonly leases: LeaseStore;
  private readonly workers = new Map<string, PartitionWorker<T>>();
  private readonly handingBack = new Map<string, Promise<void>>();
  private readonly reader: GroupReader;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly settings: RedisStreamsSettings,
    private readonly options: SubscribeOptions<T>,
    private readonly deadLetter: (fields: DeadLetterFields) => Promise<void>,
  ) {
    const { namespace, partitions, clientId, leaseMs } = settings;
    this.member = `${clientId}:${randomUUID()}`;
    this.membersKey = streamKeys.members(namespace, options.group);
    this.leases = new LeaseStore(redis, this.member, leaseMs);
    this.units = [...new Set(options.topics)].flatMap((topic) =>
      Array.from({ length: partitions }, (_, partition) => ({
        topic,
        partition,
        stream: streamKeys.stream(namespace, topic, partition),
        leaseKey: streamKeys.lease(namespace, options.group, topic, partition),
      })),
    );
    const { blockMs, batchSize, logger, retry } = settings;
    const reader = redis.duplicate({ connectionName: `${clientId}:${options.group}:reader` });
    reader.on('error', (err) => logger.debug({ err, group: options.group }, 'redis reader connection error'));
    // A read blocks at most a third of a lease, so a partition handed back is released well within its lease.
    this.reader = new GroupReader({ reader, redis, group: options.group, consumer: this.member, batchSize, blockMs: Math.min(blockMs, Math.max(1, Math.floor(leaseMs / 3))), retry, logger });
  }

  /** Creates the groups, takes this member's first share of partitions, then keeps rebalancing. */
  async start(): Promise<void> {
    await ensureConsumerGroups(this.redis, this.units.map((unit) => unit.stream), this.options.group);
    await this.tick();
    this.reader.start();
    this.schedule();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    await this.ticking;
    const held = [...this.workers.entries()];
    this.workers.clear();
    for (const [, worker] of held) worker.halt();
    await this.reader.close(); // unconfirmed acknowledgements go back to the workers, which send them on stop
    await Promise.all(held.map(([, worker]) => worker.stop()));
    await Promise.all([...this.handingBack.values()]);
    await this.leases.release(held.map(([leaseKey]) => leaseKey)).catch(() => {});
    await this.leases.leave(this.membersKey).catch(() => {});
  }

  /** Drops everything at once, as a crashed process would: no acks, leases left to expire. */
  abort(): void {
    this.closed = true;
    clearTimeout(this.timer);
    void this.reader.close();
    for (const worker of this.workers.values()) worker.crash();
    this.workers.clear();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((err) => this.settings.logger.warn({ err, group: this.options.group }, 'lease rebalance failed; will retry'))
        .finally(() => this.schedule());
    }, Math.max(1, Math.floor(this.settings.leaseMs / 3)));
  }

  private async tick(): Promise<void> {
    const members = await this.leases.heartbeat(this.membersKey);
    for (const lost of await this.leases.renew([...this.workers.keys()])) {
      this.settings.logger.warn({ group: this.options.group, lease: lost }, 'partition lease lost');
      this.handBack(lost);
    }
    const target = Math.ceil(this.units.length / Math.max(members, 1));
    for (const leaseKey of [...this.workers.keys()].slice(target)) this.handBack(leaseKey);
    for (const unit of shuffled(this.units)) {
      if (this.closed || this.workers.size >= target) break;
      if (this.workers.has(unit.leaseKey) || this.handingBack.has(unit.leaseKey)) continue;
      if (await this.leases.acquire(unit.leaseKey)) this.startWorker(unit);
    }
  }

  /** Stops the partition's worker, then releases its lease (only if still ours: compare-and-delete). */
  private handBack(leaseKey: string): void {
    const worker = this.workers.get(leaseKey);
    const stream = this.units.find((unit) => unit.leaseKey === leaseKey)?.stream;
    this.workers.delete(leaseKey);
    worker?.halt();
    const done = (stream ? this.reader.remove(stream) : Promise.resolve())
      .then(() => worker?.stop())
      .then(() => this.leases.release([leaseKey]))
      .catch(() => {})
      .finally(() => this.handingBack.delete(leaseKey));
    this.handingBack.set(leaseKey, done);
  }

  private startWorker(unit: Unit<T>): void {
    const { group, handler, maxAttempts = 5 } = this.options;
    const { batchSize, logger, retry } = this.settings;
    const worker = new PartitionWorker({
      redis: this.redis,
      stream: unit.stream,
      topic: unit.topic,
      partition: unit.partition,
      group,
      consumer: this.member,
      batchSize,
      pruneIdleMs: this.settings.leaseMs * 4,
      processor: { system: 'redis', group, handler, maxAttempts, retry, logger, deadLetter: this.deadLetter },
      onReady: () => this.reader.wake(),
    });
    this.workers.set(unit.leaseKey, worker);
    this.reader.add(unit.stream, worker);
    worker.start();
  }
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
