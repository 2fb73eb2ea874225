import { Redis } from 'ioredis';
import { redisPollCache } from '../../../../src/adapters/redis/redis-poll-cache.ts';
import type { PollCache } from '../../../../src/domain/grants/poll-cache.ts';
import { testRedis, type TestRedis } from '../../../support/test-redis.ts';

let r: TestRedis;
let cache: PollCache;
beforeAll(async () => {
  r = testRedis();
  await r.redis.ping(); // connected and ready: the cache does not wait for a connection
  cache = redisPollCache(r.redis, r.namespace);
});
afterAll(() => r.close());

const t0 = new Date('2026-11-22T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
let n = 0;
const entry = (overrides: Partial<Parameters<PollCache['rememberPending']>[0]> = {}) => {
  n += 1;
  return { authReqIdHash: `hash-${n}`, requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, clientId: 'rp-1', interval: 5, expiresAt: at(120), ...overrides };
};

describe('redisPollCache', () => {
  it('cannot answer a grant it does not know', async () => {
    expect(await cache.poll('unknown', 'rp-1', t0)).toBeNull();
  });

  it('answers pending, slow_down inside the interval (growing it by 5 s), and pending again once the interval is respected', async () => {
    const e = entry();
    await cache.rememberPending(e, t0);
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(0))).toEqual({ outcome: 'pending', interval: 5 });
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(4))).toEqual({ outcome: 'slow_down', interval: 10 });
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(13))).toEqual({ outcome: 'slow_down', interval: 15 });
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(28))).toEqual({ outcome: 'pending', interval: 15 });
  });

  it('counts the interval from the poll the database last recorded', async () => {
    const e = entry({ lastPolledAt: at(0) });
    await cache.rememberPending(e, at(0));
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(1))).toEqual({ outcome: 'slow_down', interval: 10 });
  });

  it('leaves other clients, and grants past expires_at, to the database', async () => {
    const e = entry({ expiresAt: at(10) });
    await cache.rememberPending(e, t0);
    expect(await cache.poll(e.authReqIdHash, 'rp-2', at(1))).toBeNull();
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(10))).toBeNull();
    await cache.rememberPending(entry({ expiresAt: at(-1) }), t0); // already expired: not written
    expect(await r.redis.exists(`${r.namespace}:token:poll:hash-${n}`)).toBe(0);
  });

  it('does not overwrite an entry (its poll bookkeeping stays)', async () => {
    const e = entry();
    await cache.rememberPending(e, t0);
    await cache.poll(e.authReqIdHash, 'rp-1', at(1));
    await cache.poll(e.authReqIdHash, 'rp-1', at(2)); // slow_down: 10
    await cache.rememberPending({ ...e, interval: 5 }, at(2));
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(3))).toEqual({ outcome: 'slow_down', interval: 15 });
  });

  it('never answers for a request marked decided, and takes no entry for it afterwards', async () => {
    const e = entry();
    await cache.rememberPending(e, t0);
    await cache.markDecided(e.requestId);
    expect(await cache.poll(e.authReqIdHash, 'rp-1', at(30))).toBeNull();
    const late = entry();
    await cache.markDecided(late.requestId);
    await cache.rememberPending(late, t0); // a poll that read "pending" just before the decision committed
    expect(await cache.poll(late.authReqIdHash, 'rp-1', at(30))).toBeNull();
  });

  it('expires entries within a minute, and marks after the grant could still be written', async () => {
    const e = entry({ expiresAt: new Date(Date.now() + 3_600_000) });
    await cache.rememberPending(e, new Date());
    const entryTtl = await r.redis.pttl(`${r.namespace}:token:poll:${e.authReqIdHash}`);
    expect(entryTtl).toBeGreaterThan(50_000);
    expect(entryTtl).toBeLessThanOrEqual(60_000);
    await cache.markDecided(e.requestId);
    expect(await r.redis.pttl(`${r.namespace}:token:decided:${e.requestId}`)).toBeGreaterThan(60_000);
  });

  it('does not hold polls or entry writes while Redis is unreachable: the database answers', async () => {
    const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => 50 });
    down.on('error', () => {});
    void down.connect().catch(() => {});
    const offline = redisPollCache(down, r.namespace);
    try {
      expect(await offline.poll('hash-x', 'rp-1', t0)).toBeNull();
      await offline.rememberPending(entry(), t0);
    } finally {
      down.disconnect();
    }
  });
});
