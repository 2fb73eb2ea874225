import type { BaseConfig } from './fragments.ts';

/** The Kafka part of the base configuration, in the shape `createEventBus` (libs/event-bus) takes it. */
export function kafkaSettingsOf(config: Pick<BaseConfig, 'kafkaBrokers' | 'kafkaTopicPrefix' | 'kafkaPartitions' | 'kafkaReplicationFactor' | 'kafkaSessionTimeoutMs'>) {
  return {
    kafkaBrokers: config.kafkaBrokers,
    kafkaTopicPrefix: config.kafkaTopicPrefix,
    kafkaPartitions: config.kafkaPartitions,
    kafkaReplicationFactor: config.kafkaReplicationFactor,
    kafkaSessionTimeoutMs: config.kafkaSessionTimeoutMs,
  };
}
