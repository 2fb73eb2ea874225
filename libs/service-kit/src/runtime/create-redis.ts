import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ, caches and the Redis Streams bus. `maxRetriesPerRequest: null`
 * is what BullMQ workers require; commands wait for a reconnect instead of failing.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false });
}
