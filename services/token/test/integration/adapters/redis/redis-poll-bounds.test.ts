import type { PollBoundsConfig } from '../../../../src/config.ts';
import { redisPollBounds } from '../../../../src/adapters/redis/redis-poll-bounds.ts';
import { testRedis, type TestRedis } from '../../../support/test-redis.ts';

// The per-client poll bounds on the real Redis: the Lua scripts' rate window, slow_down count and
// doubling penalty. Windows are long and penalties are read back, not waited for: nothing is timed.
let r: TestRedis;
beforeAll(async () => {
  r = testRedis();
  await r.redis.ping();
});
afterAll(() => r.close());

const BOUNDS: PollBoundsConfig = { clientLimit: 3, clientWindowS: 60, strikes: 2, strikeWindowS: 60, penaltyS: 10, penaltyMaxS: 25, timeoutMs: 1000 };
let n = 0;
const bounds = (overrides: Partial<PollBoundsConfig> = {}) => redisPollBounds(r.redis, { namespace: `${r.namespace}-${++n}`, secret: 'admin-token-for-tests', bounds: { ...BOUNDS, ...overrides } });

describe('redisPollBounds', () => {
  it('gate: counts polls per client; past the limit slow_down with the wait, other clients unaffected', async () => {
    const b = bounds({ strikes: 0 });
    for (let i = 0; i < 3; i++) expect(await b.gate('rp-1')).toEqual({ outcome: 'ok' });
    const refused = await b.gate('rp-1');
    expect(refused).toEqual({ outcome: 'slow_down', retryAfter: expect.any(Number) });
    expect((refused as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(60);
    expect(await b.gate('rp-2')).toEqual({ outcome: 'ok' });
  });

  it('slow_downs (answered elsewhere or by the gate) reaching TOKEN_POLL_STRIKES start a penalty; each next one doubles, up to the longest', async () => {
    const b = bounds({ clientLimit: 0 });
    expect(await b.slowedDown('rp-1')).toBe(0);
    expect(await b.gate('rp-1')).toEqual({ outcome: 'ok' });
    expect(await b.slowedDown('rp-1')).toBe(10);
    expect(await b.gate('rp-1')).toEqual({ outcome: 'penalty', retryAfter: 10 });
    expect(await b.gate('rp-2')).toEqual({ outcome: 'ok' });
    // the next penalty, read back from its record: twice as long, then capped at the longest (25 s)
    const key = (await r.redis.keys(`${r.namespace}-${n}:token:poll-client:*`))[0]!;
    await r.redis.hset(key, 'u', 0); // the penalty over
    await b.slowedDown('rp-1');
    await b.slowedDown('rp-1');
    expect(await b.gate('rp-1')).toEqual({ outcome: 'penalty', retryAfter: 20 });
    await r.redis.hset(key, 'u', 0);
    await b.slowedDown('rp-1');
    await b.slowedDown('rp-1');
    expect(await b.gate('rp-1')).toEqual({ outcome: 'penalty', retryAfter: 25 });
  });

  it('the gate\'s own slow_downs count towards the penalty', async () => {
    const b = bounds({ clientLimit: 1 });
    expect(await b.gate('rp-1')).toEqual({ outcome: 'ok' });
    expect((await b.gate('rp-1')).outcome).toBe('slow_down');
    expect(await b.gate('rp-1')).toEqual({ outcome: 'penalty', retryAfter: 10 });
  });

  it('keys: an HMAC of the client id, never the id, with a TTL', async () => {
    const b = bounds();
    await b.gate('rp-secret-name');
    const keys = await r.redis.keys(`${r.namespace}-${n}:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('rp-secret-name');
    expect(await r.redis.pttl(keys[0]!)).toBeGreaterThan(0);
  });

  it('Redis gone: gate and slowedDown throw (the caller lets the poll through)', async () => {
    const down = testRedis();
    await down.redis.ping();
    await down.redis.quit();
    const b = redisPollBounds(down.redis, { namespace: 'x', secret: 's', bounds: BOUNDS });
    await expect(b.gate('rp-1')).rejects.toThrow();
    await expect(b.slowedDown('rp-1')).rejects.toThrow();
  });
});
