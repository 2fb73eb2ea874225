import type { Redis } from 'ioredis';
import type { ReadinessCheck } from '../http/health-routes.ts';

/**
 * `/readyz` check of a Redis connection: PING when connected. A connection that is not ready fails at
 * once rather than queueing the PING (`createRedis` connections wait for a reconnect forever).
 */
export function redisReadiness(redis: Redis): ReadinessCheck {
  return async () => {
    if (redis.status !== 'ready') throw new Error(`redis connection ${redis.status}`);
    await redis.ping();
  };
}
