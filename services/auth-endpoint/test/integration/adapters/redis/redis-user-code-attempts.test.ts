import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisUserCodeAttempts } from '../../../../src/adapters/redis/redis-user-code-attempts.ts';
import { userCodeAttemptKey } from '../../../../src/adapters/redis/user-code-attempt-key.ts';
import type { UserCodeAttemptsConfig } from '../../../../src/config.ts';

// The user_code attempt limit's scripts on the real Redis. Lockouts are read back, not waited for.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const namespace = `t-uca-${randomBytes(6).toString('hex')}`;
afterAll(async () => {
  const keys = await redis.keys(`${namespace}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const LIMITS: UserCodeAttemptsConfig = { maxAttempts: 2, lockoutS: 60, lockoutMaxS: 150, memoryS: 600 };
const attempts = redisUserCodeAttempts(redis, { namespace, secret: 'admin-token-for-tests', limits: LIMITS, timeoutMs: 1000 });
const keyOf = userCodeAttemptKey(namespace, 'admin-token-for-tests');
const endLockout = (sub: string) => redis.hset(keyOf(sub), 'u', 0);

describe('redisUserCodeAttempts', () => {
  it('the Nth wrong code locks out; lockouts double up to the longest', async () => {
    for (const expected of [60, 120, 150, 150]) {
      expect(await attempts.begin('alice')).toEqual({ allowed: true });
      await attempts.failed('alice');
      expect(await attempts.begin('alice')).toEqual({ allowed: true });
      await attempts.failed('alice');
      expect(await attempts.begin('alice')).toEqual({ allowed: false, retryAfter: expected });
      await endLockout('alice');
    }
  });

  it('an attempt that could not be checked is taken back (abandon); a right code forgets everything', async () => {
    expect(await attempts.begin('bob')).toEqual({ allowed: true });
    await attempts.abandon('bob');
    expect(await attempts.begin('bob')).toEqual({ allowed: true });
    await attempts.failed('bob');
    expect(await attempts.begin('bob')).toEqual({ allowed: true });
    await attempts.succeeded('bob');
    expect(await redis.exists(keyOf('bob'))).toBe(0);
  });

  it('attempts in flight count: with N begun and none finished, the next is refused and locks', async () => {
    expect(await attempts.begin('carol')).toEqual({ allowed: true });
    expect(await attempts.begin('carol')).toEqual({ allowed: true });
    expect(await attempts.begin('carol')).toEqual({ allowed: false, retryAfter: 60 });
  });

  it('the record lives its lockout plus BC_USER_CODE_MEMORY_S', async () => {
    await attempts.begin('dave');
    await attempts.failed('dave');
    await attempts.begin('dave');
    await attempts.failed('dave');
    const ttl = await redis.pttl(keyOf('dave'));
    expect(ttl).toBeGreaterThan(600_000);
    expect(ttl).toBeLessThanOrEqual(660_000);
  });
});
