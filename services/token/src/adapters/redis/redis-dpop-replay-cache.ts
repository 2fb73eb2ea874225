import type { Redis } from 'ioredis';
import { TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import type { DpopReplayCache } from '../../dpop/dpop-replay-cache.ts';

/**
 * DPoP proof `jti`s in Redis (`SET NX EX`), so a proof accepted by one replica is refused by all.
 * An unreachable Redis fails closed: a proof that cannot be checked for replay is not accepted, and
 * the client is told to retry (503 `temporarily_unavailable`), not that its proof is bad.
 */
export function redisDpopReplayCache(redis: Redis, namespace: string): DpopReplayCache {
  return {
    async claim(key, ttlSeconds) {
      let answer: string | null;
      try {
        answer = await redis.set(`${namespace}:token:dpop-jti:${key}`, '1', 'EX', ttlSeconds, 'NX');
      } catch (err) {
        throw new TemporarilyUnavailable('DPoP replay check unavailable, retry later', { cause: err, expose: true });
      }
      return answer === 'OK';
    },
  };
}
