import type { EventBusLogger } from '../event-bus-logger.ts';
import type { RetryPolicy } from '../consumer/retry-policy.ts';
import type { KafkaClient, KafkaClientOptions } from './kafka-client.ts';

/** The Kafka bus. */
export interface KafkaBusOptions {
  /** `host:port` of the bootstrap brokers. */
  brokers: string[];
  /** This process (`<service>`); the kafkajs client id and the dead-letter source. */
  clientId: string;
  logger: EventBusLogger;
  /** Prepended to every topic name and consumer group id on the cluster (`KAFKA_TOPIC_PREFIX`; tests use a random one). @defaultValue '' */
  topicPrefix?: string;
  /** Partitions of the topics this bus creates when missing. @defaultValue 8 */
  partitions?: number;
  /** Replication factor of created topics; -1 takes the broker's default. @defaultValue -1 */
  replicationFactor?: number;
  /** Consumer session timeout: a member silent this long is dropped and its partitions reassigned. @defaultValue 30000 */
  sessionTimeout?: number;
  /** @defaultValue 3000 */
  heartbeatInterval?: number;
  /** How long a rebalance waits for members to rejoin. @defaultValue 60000 */
  rebalanceTimeout?: number;
  /** Backoff between handler attempts. */
  retry?: Partial<RetryPolicy>;
  /** TLS and SASL, handed to the client as they are. */
  ssl?: KafkaClientOptions['ssl'];
  sasl?: KafkaClientOptions['sasl'];
  /** The Kafka client library behind the port. @defaultValue kafkajs (`kafkajs-client.ts`) */
  client?: (options: KafkaClientOptions) => KafkaClient;
}

/** The options with their defaults applied. */
export type KafkaSettings = Required<Omit<KafkaBusOptions, 'retry' | 'ssl' | 'sasl' | 'client'>> & Pick<KafkaBusOptions, 'ssl' | 'sasl'> & { retry: RetryPolicy };
