import { Redis } from 'ioredis';
import { partitionOf } from '@ciba/event-bus';
import { produceRaw } from '../../../../services/all-in-one/test/support/kafka-tap.ts';

/** Writes `value` to `topic` as it is, past every check (a poisoned message), where the bus would put `key`. */
export async function appendRaw(env: Record<string, string>, topic: string, key: string, value: string): Promise<void> {
  if (env.KAFKA_BROKERS) return produceRaw(env.KAFKA_BROKERS.split(','), `${env.KAFKA_TOPIC_PREFIX}${topic}`, [{ partition: 0, key, value }]);
  const redis = new Redis(env.REDIS_URL!);
  try {
    await redis.xadd(`${env.REDIS_NAMESPACE}:${topic}:${partitionOf(key, 8)}`, '*', 'key', key, 'event', value);
  } finally {
    redis.disconnect();
  }
}
