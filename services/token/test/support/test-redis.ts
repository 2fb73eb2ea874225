import { randomBytes } from 'node:crypto';
import { createRedis } from '@ciba/service-kit';
import type { Redis } from 'ioredis';

export interface TestRedis {
  redis: Redis;
  /** A namespace of this test's own; `close()` deletes its keys. */
  namespace: string;
  close(): Promise<void>;
}

/** A connection to the local Redis (REDIS_URL or 127.0.0.1:6379) with a unique key namespace (or the one given, to share it). */
export function testRedis(shared?: string): TestRedis {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'token-test');
  const namespace = shared ?? `token-test-${randomBytes(6).toString('hex')}`;
  return {
    redis,
    namespace,
    async close() {
      const keys = await redis.keys(`${namespace}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
