import type { Redis } from 'ioredis';
import type { UserCodeAttemptsConfig } from '../../config.ts';
import type { UserCodeAttempts } from '../../domain/user-code-attempts.ts';
import { userCodeAttemptKey } from './user-code-attempt-key.ts';
import { ABANDON_USER_CODE, BEGIN_USER_CODE, FAILED_USER_CODE } from './user-code-attempt-scripts.ts';
import { withTimeout } from './with-timeout.ts';

interface UserCodeCommands {
  cibaBeginUserCode(key: string, limit: number, firstMs: number, longestMs: number, memoryMs: number): Promise<[number, number]>;
  cibaFailedUserCode(key: string, limit: number, firstMs: number, longestMs: number, memoryMs: number): Promise<number>;
  cibaAbandonUserCode(key: string): Promise<number>;
}

/** Connection states in which a command would only queue until Redis is back: answered at once instead. */
const DOWN = new Set(['reconnecting', 'close', 'end']);

export interface RedisUserCodeAttemptsOptions {
  /** Prefix of every key (`REDIS_NAMESPACE`). */
  namespace: string;
  /** What the keys' HMAC key is derived from; every replica must share it. */
  secret: string;
  limits: UserCodeAttemptsConfig;
  /** Longest wait for Redis, ms (`BC_LIMITS_TIMEOUT_MS`). */
  timeoutMs: number;
}

/**
 * The `user_code` attempt limit on Redis, one Lua script per step. `begin` throws when Redis cannot
 * answer in time (the caller refuses the request: the limit fails closed); the later steps are
 * bounded the same way and their failure is the caller's to log (the count then errs one way or the
 * other until the record's memory runs out).
 */
export function redisUserCodeAttempts(redis: Redis, options: RedisUserCodeAttemptsOptions): UserCodeAttempts {
  const commands = redis as Redis & UserCodeCommands;
  if (!('cibaBeginUserCode' in redis)) {
    redis.defineCommand('cibaBeginUserCode', { numberOfKeys: 1, lua: BEGIN_USER_CODE });
    redis.defineCommand('cibaFailedUserCode', { numberOfKeys: 1, lua: FAILED_USER_CODE });
    redis.defineCommand('cibaAbandonUserCode', { numberOfKeys: 1, lua: ABANDON_USER_CODE });
  }
  const keyOf = userCodeAttemptKey(options.namespace, options.secret);
  const { maxAttempts, lockoutS, lockoutMaxS, memoryS } = options.limits;
  const args = [maxAttempts, lockoutS * 1000, lockoutMaxS * 1000, memoryS * 1000] as const;
  const up = () => {
    if (DOWN.has(redis.status)) throw new Error(`redis connection is ${redis.status}`);
  };
  return {
    async begin(sub) {
      up();
      const key = keyOf(sub);
      const answer = commands.cibaBeginUserCode(key, ...args);
      // An attempt counted after the caller gave up was never tried: take it back.
      const [code, ms] = await withTimeout(answer, options.timeoutMs, () => {
        answer.then(([late]) => (late === 0 ? commands.cibaAbandonUserCode(key) : undefined)).catch(() => undefined);
      });
      return code === 0 ? { allowed: true } : { allowed: false, retryAfter: Math.max(1, Math.ceil(ms / 1000)) };
    },
    async succeeded(sub) {
      up();
      await withTimeout(redis.del(keyOf(sub)), options.timeoutMs);
    },
    async failed(sub) {
      up();
      await withTimeout(commands.cibaFailedUserCode(keyOf(sub), ...args), options.timeoutMs);
    },
    async abandon(sub) {
      up();
      await withTimeout(commands.cibaAbandonUserCode(keyOf(sub)), options.timeoutMs);
    },
  };
}
