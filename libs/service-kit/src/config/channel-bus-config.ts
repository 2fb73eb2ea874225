import type { BaseEnv } from './fragments.ts';

/** The base variables a channel process reads to reach the event bus (a pick of `baseEnv`). */
type ChannelBusEnv = Pick<BaseEnv, 'NODE_ENV' | 'REDIS_URL' | 'REDIS_NAMESPACE' | 'LOG_LEVEL' | 'METRICS_PORT' | 'KAFKA_BROKERS' | 'KAFKA_TOPIC_PREFIX' | 'KAFKA_PARTITIONS' | 'KAFKA_REPLICATION_FACTOR' | 'KAFKA_SESSION_TIMEOUT_MS'>;

/** What every channel process (`channels/<name>`) settles the same way: production or not, and its bus. */
export interface ChannelBusConfig {
  production: boolean;
  redisUrl: string;
  redisNamespace: string;
  logLevel: BaseEnv['LOG_LEVEL'];
  /** `METRICS_PORT`: the Prometheus listener's port, or `off`. */
  metricsPort: number | 'off';
  kafkaBrokers?: string[];
  /** `KAFKA_TOPIC_PREFIX`, `KAFKA_PARTITIONS`, `KAFKA_REPLICATION_FACTOR`, `KAFKA_SESSION_TIMEOUT_MS` (see the base config). */
  kafkaTopicPrefix: string;
  kafkaPartitions: number;
  kafkaReplicationFactor: number;
  kafkaSessionTimeoutMs: number;
}

/** The bus part of a channel's configuration, from its parsed environment. */
export function channelBusConfig(parsed: ChannelBusEnv): ChannelBusConfig {
  return {
    production: parsed.NODE_ENV === 'production',
    redisUrl: parsed.REDIS_URL,
    redisNamespace: parsed.REDIS_NAMESPACE,
    logLevel: parsed.LOG_LEVEL,
    metricsPort: parsed.METRICS_PORT,
    ...(parsed.KAFKA_BROKERS ? { kafkaBrokers: parsed.KAFKA_BROKERS } : {}),
    kafkaTopicPrefix: parsed.KAFKA_TOPIC_PREFIX,
    kafkaPartitions: parsed.KAFKA_PARTITIONS,
    kafkaReplicationFactor: parsed.KAFKA_REPLICATION_FACTOR,
    kafkaSessionTimeoutMs: parsed.KAFKA_SESSION_TIMEOUT_MS,
  };
}
