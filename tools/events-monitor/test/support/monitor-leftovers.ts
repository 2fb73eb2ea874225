import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';

/**
 * What a monitor may have left on the bus: Kafka, consumer groups named `<prefix>ciba-events-monitor.*`;
 * Redis Streams, consumer groups on the namespace's streams other than the services' and channels'.
 */
export async function monitorLeftovers(env: Record<string, string>): Promise<string[]> {
  if (env.KAFKA_BROKERS) {
    const admin = new Kafka({ clientId: 'events-leftovers', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      return (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(`${env.KAFKA_TOPIC_PREFIX}ciba-events-monitor.`));
    } finally {
      await admin.disconnect();
    }
  }
  const redis = new Redis(env.REDIS_URL!);
  try {
    const keys = await redis.keys(`${env.REDIS_NAMESPACE}:ciba.*`);
    const groups = new Set<string>();
    for (const key of keys) {
      if ((await redis.type(key)) !== 'stream') continue;
      for (const info of (await redis.call('XINFO', 'GROUPS', key)) as unknown[][]) groups.add(String(info[1]));
    }
    return [...groups].filter((group) => !/^(auth-endpoint|consent-dispatcher|token|notifier|audit|channel)\./.test(group));
  } finally {
    redis.disconnect();
  }
}
