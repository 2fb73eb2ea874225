import type { Redis } from 'ioredis';
import type { EventBusLogger } from '../event-bus-logger.ts';
import type { RetryPolicy } from '../consumer/retry-policy.ts';

/**
 * The Redis Streams bus. Every instance of the system must use the same `namespace` and
 * `partitions`: a message's partition stream is `hash(key) % partitions`.
 */
export interface RedisStreamsBusOptions {
  /** Connection URL, e.g. `redis://127.0.0.1:6379`; required unless `redis` is given. */
  redisUrl?: string;
  /** A connection to use instead of `redisUrl`; the bus duplicates it for blocking reads and does not close it. */
  redis?: Redis;
  /** Prefix of every key. @defaultValue 'ciba' */
  namespace?: string;
  /** Partition streams per topic; the unit of ordering and of parallelism. @defaultValue 8 */
  partitions?: number;
  /** This process (`<service>`); names its connections, consumers and dead-letter source. */
  clientId: string;
  logger: EventBusLogger;
  /** How long one blocking read waits for new entries (at most `leaseMs / 3`). @defaultValue 2000 */
  blockMs?: number;
  /** Lifetime of a partition lease and of a member's heartbeat; renewed every third of it. @defaultValue 15000 */
  leaseMs?: number;
  /** Approximate cap of each partition stream (`XADD MAXLEN ~`). @defaultValue 1_000_000 */
  maxLen?: number;
  /** Entries fetched per partition stream per read. @defaultValue 16 */
  batchSize?: number;
  /** Backoff between handler attempts and after broker errors. */
  retry?: Partial<RetryPolicy>;
}

/** The options with their defaults applied. */
export type RedisStreamsSettings = Required<Omit<RedisStreamsBusOptions, 'redisUrl' | 'redis' | 'retry'>> & { retry: RetryPolicy };
