import type { z } from 'zod';
import { baseEnv } from '@ciba/service-kit/config/fragments';
import { loadConfig } from '@ciba/service-kit/config/load-config';
import { channelBusConfig, type ChannelBusConfig } from '@ciba/service-kit/config/channel-bus-config';

/**
 * Environment of the events monitor: the bus variables the services read, with the same meaning and
 * defaults (`KAFKA_BROKERS` set: Kafka with `KAFKA_TOPIC_PREFIX`; else Redis Streams at `REDIS_URL`
 * under `REDIS_NAMESPACE`). It adds none of its own: everything else is a command-line option.
 */
export const eventsMonitorEnv = baseEnv.pick({
  NODE_ENV: true,
  REDIS_URL: true,
  REDIS_NAMESPACE: true,
  LOG_LEVEL: true,
  KAFKA_BROKERS: true,
  KAFKA_TOPIC_PREFIX: true,
  KAFKA_PARTITIONS: true,
  KAFKA_REPLICATION_FACTOR: true,
  KAFKA_SESSION_TIMEOUT_MS: true,
});
export type EventsMonitorEnv = z.infer<typeof eventsMonitorEnv>;

/** The bus settings, settled as a channel process settles them (libs/service-kit). */
export type EventsMonitorConfig = ChannelBusConfig;

/** Parses the environment; a bad value throws a one-line `ConfigError` naming the variable. */
export function loadEventsMonitorConfig(env: NodeJS.ProcessEnv = process.env): EventsMonitorConfig {
  // The monitor serves no metrics: it is an operator's command, not a service.
  return channelBusConfig({ ...loadConfig(eventsMonitorEnv, env), METRICS_PORT: 'off' });
}
