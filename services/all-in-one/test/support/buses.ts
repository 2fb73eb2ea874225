import { kafkaAvailable, kafkaBrokers } from '@ciba/test-support';

/** One event bus an end-to-end suite runs over: its name and the variables that select it. */
export interface BusUnderTest {
  name: 'redis-streams' | 'kafka';
  /** Passed to `startTestSystem`, which adds a topic prefix of its own on Kafka. */
  env: Record<string, string>;
}

/**
 * The buses every flow runs over: Redis Streams, and Kafka when a test broker is there (jest's
 * global setup finds or starts one; under CI a missing one fails). For `describe.each(buses())`.
 */
export function buses(suite: string): BusUnderTest[] {
  const redis: BusUnderTest = { name: 'redis-streams', env: {} };
  if (!kafkaAvailable(suite)) return [redis];
  return [redis, { name: 'kafka', env: { KAFKA_BROKERS: kafkaBrokers().join(',') } }];
}
