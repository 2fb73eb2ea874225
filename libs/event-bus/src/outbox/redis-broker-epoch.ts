import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BrokerEpoch } from './broker-epoch.ts';

/** Reads the epoch, starting a new one when the hash is gone (Redis restarted empty, or first use). */
const CURRENT = `
local id = redis.call('HGET', KEYS[1], 'id')
if not id then
  id = ARGV[1]
  redis.call('HSET', KEYS[1], 'id', id)
end
return id`;

/** Records the replay only into the epoch it was made for. */
const MARK = `
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
  return 1
end
return 0`;

export interface RedisBrokerEpochOptions {
  /** A connection to the bus' Redis; the caller closes it. */
  redis: Redis;
  /** The Redis Streams bus' key namespace (`RedisStreamsBusOptions.namespace`). @defaultValue 'ciba' */
  namespace?: string;
}

/**
 * The Redis Streams bus' epoch: the hash `<namespace>:epoch` holds `id` (a new random one whenever
 * the hash is missing) and `replayed:<schema>` = the epoch that schema's outbox was replayed into.
 * Redis without persistence loses the hash with the streams, so a restart shows as a new epoch that
 * no schema has replayed into. (Evicting or deleting the key only costs a harmless replay.)
 */
export function redisBrokerEpoch(options: RedisBrokerEpochOptions): BrokerEpoch {
  const key = `${options.namespace ?? 'ciba'}:epoch`;
  const { redis } = options;
  return {
    async current() {
      const fresh = `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}`;
      return String(await redis.eval(CURRENT, 1, key, fresh));
    },
    async replayed(epoch, schema) {
      return (await redis.hget(key, `replayed:${schema}`)) === epoch;
    },
    async markReplayed(epoch, schema) {
      return (await redis.eval(MARK, 1, key, epoch, `replayed:${schema}`)) === 1;
    },
  };
}
