import type { ConnectionOptions } from 'node:tls';
import type { EventBusLogger } from '../event-bus-logger.ts';

/**
 * The Kafka client as the adapter uses it: the whole surface `KafkaBus`, `KafkaSubscription` and
 * `TopicCreator` depend on. `kafkajs-client.ts` is its one implementation and the only file that
 * imports a Kafka library, so swapping the library means rewriting that file alone.
 */
export interface KafkaClient {
  /** An idempotent producer: acks from every in-sync replica, one request in flight, murmur2 on the key (as the Java client). */
  producer(): KafkaProducerPort;
  consumer(options: KafkaConsumerOptions): KafkaConsumerPort;
  admin(): KafkaAdminPort;
}

export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  logger: EventBusLogger;
  /** TLS: `true`, or Node's TLS options (CA, client certificate). */
  ssl?: boolean | ConnectionOptions;
  sasl?: KafkaSasl;
}

/** SASL with a user name and password (the mechanisms every maintained client supports). */
export type KafkaSasl = { username: string; password: string } & ({ mechanism: 'plain' } | { mechanism: 'scram-sha-256' } | { mechanism: 'scram-sha-512' });

export interface KafkaProducerPort {
  connect(): Promise<void>;
  /** Resolves once every message is on all in-sync replicas. */
  send(batches: ReadonlyArray<{ topic: string; messages: ReadonlyArray<KafkaOutgoing> }>): Promise<void>;
  disconnect(): Promise<void>;
}

/** One record to produce: key, value and optional record headers (trace context). */
export interface KafkaOutgoing {
  key: string;
  value: string;
  headers?: Readonly<Record<string, string>>;
}

export interface KafkaConsumerOptions {
  groupId: string;
  sessionTimeout: number;
  heartbeatInterval: number;
  rebalanceTimeout: number;
}

/** One consumed message and the controls of its partition. */
export interface KafkaDelivery {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** The record's headers, decoded to strings (see `decodeHeaders`); absent when it had none. */
  headers?: Record<string, string>;
  /** Tells the group this member is alive during a long handler. */
  heartbeat(): Promise<void>;
  /** Stops fetching this partition. */
  pause(): void;
}

/** The messages of one partition fetched together, and the controls of that partition. */
export interface KafkaBatch {
  topic: string;
  partition: number;
  messages: ReadonlyArray<Omit<KafkaDelivery, 'topic' | 'partition' | 'heartbeat' | 'pause'>>;
  heartbeat(): Promise<void>;
  /** Stops fetching this partition. */
  pause(): void;
  /** True once a rebalance took the partition away: what is left of the batch is the next owner's. */
  isStale(): boolean;
}

export interface KafkaConsumerPort {
  connect(): Promise<void>;
  /**
   * Like `run`, a batch at a time: `handle` answers the offset of the last message of the batch it
   * finished along with all those before it (nothing is fetched again before it), or null when it
   * finished none; the partition's next fetch starts after that offset.
   */
  runBatches(topics: string[], concurrency: number, handle: (batch: KafkaBatch) => Promise<string | null>): Promise<void>;
  /**
   * Joins the group on `topics` (a group without offsets starts at the earliest) and hands each
   * message to `handle`: up to `concurrency` partitions at once, each in order. Nothing is committed
   * but through `commit`. `startAt` (the events monitor, which never commits) starts those
   * partitions at those offsets instead, whatever the group has.
   */
  run(topics: string[], concurrency: number, handle: (delivery: KafkaDelivery) => Promise<void>, startAt?: readonly KafkaOffset[]): Promise<void>;
  /** Commits `nextOffset` (the offset after the last handled message) of one partition. */
  commit(topic: string, partition: number, nextOffset: string): Promise<void>;
  /** Called when the consumer stops on an error; `restarting` when the client rejoins by itself. */
  onCrash(listener: (error: unknown, restarting: boolean) => void): void;
  /** Lets the handler in hand finish, then leaves the group. */
  disconnect(): Promise<void>;
}

/** A position in one partition. */
export interface KafkaOffset {
  topic: string;
  partition: number;
  offset: string;
}

export interface KafkaAdminPort {
  connect(): Promise<void>;
  listTopics(): Promise<string[]>;
  /** Creates `topic`; resolves (without error) when it already exists. */
  createTopic(topic: string, partitions: number, replicationFactor: number): Promise<void>;
  /** The leader of each partition of `topic` (-1 where there is none yet); empty when unknown. */
  partitionLeaders(topic: string): Promise<number[]>;
  /**
   * Per partition of `topic`: the earliest retained offset, the high watermark, and `group`'s
   * committed offset (-1 where it has none). Empty when the topic does not exist.
   */
  groupOffsets(group: string, topic: string): Promise<Array<{ partition: number; low: number; high: number; committed: number }>>;
  /** Per partition of `topic`: the earliest retained offset and the high watermark. Empty when the topic does not exist. */
  topicOffsets(topic: string): Promise<Array<{ partition: number; low: number; high: number }>>;
  /** Per partition of `topic`: the first offset whose timestamp is at or after `timestampMs` (the high watermark where none is). */
  offsetsAt(topic: string, timestampMs: number): Promise<KafkaOffset[]>;
  /** Deletes a consumer group that has no members (the events monitor's own, on exit). */
  deleteGroup(groupId: string): Promise<void>;
  /** Asks the cluster for its brokers and controller (a liveness check). */
  describeCluster(): Promise<void>;
  disconnect(): Promise<void>;
}
