import type { PollBoundsConfig } from '../../../../src/config.ts';
import { redisPollBounds } from '../../../../src/adapters/redis/redis-poll-bounds.ts';
import { redisPollCache } from '../../../../src/adapters/redis/redis-poll-cache.ts';
import { redisPollFront } from '../../../../src/adapters/redis/redis-poll-front.ts';
import { testRedis, type TestRedis } from '../../../support/test-redis.ts';

// The front of a poll on the real Redis: the bounds' gate, the cache's poll and a cached slow_down's
// count in one script, answering as the three did one after the other, in one round trip.
let r: TestRedis;
beforeAll(async () => {
  r = testRedis();
  await r.redis.ping();
});
afterAll(() => r.close());

const BOUNDS: PollBoundsConfig = { clientLimit: 3, clientWindowS: 60, strikes: 2, strikeWindowS: 60, penaltyS: 10, penaltyMaxS: 25, timeoutMs: 1000 };
const t0 = new Date('2026-11-22T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
let n = 0;
const setup = (overrides: Partial<PollBoundsConfig> = {}) => {
  const namespace = `${r.namespace}-${++n}`;
  const bounds = { ...BOUNDS, ...overrides };
  const options = { namespace, secret: 'admin-token-for-tests', bounds };
  return { front: redisPollFront(r.redis, options), bounds: redisPollBounds(r.redis, options), cache: redisPollCache(r.redis, namespace) };
};
const pending = (hash: string) => ({ authReqIdHash: hash, requestId: '00000000-0000-4000-8000-000000000001', clientId: 'rp-1', interval: 5, expiresAt: at(120) });

describe('redisPollFront', () => {
  it('a known pending grant: counted by the gate, answered by the cache, in one command to Redis', async () => {
    const { front, cache } = setup({ strikes: 0 });
    await cache.rememberPending(pending('h1'), t0);
    const sent = jest.spyOn(r.redis, 'sendCommand');
    expect(await front.poll('rp-1', 'h1', at(1))).toEqual({ gate: { outcome: 'ok' }, cached: { outcome: 'pending', interval: 5 }, penalty: 0 });
    expect(sent).toHaveBeenCalledTimes(1);
    sent.mockRestore();
    expect(await front.poll('rp-1', 'h1', at(2))).toEqual({ gate: { outcome: 'ok' }, cached: { outcome: 'slow_down', interval: 10 }, penalty: 0 });
    expect(await front.poll('rp-1', 'unknown', at(3))).toEqual({ gate: { outcome: 'ok' }, cached: null, penalty: 0 });
    // the three polls were counted against the client's rate (limit 3): the next is refused before the cache
    expect(await front.poll('rp-1', 'h1', at(60))).toEqual({ gate: { outcome: 'slow_down', retryAfter: expect.any(Number) } });
  });

  it('a cached slow_down counts against the penalty threshold, as slowedDown does; then every poll is refused', async () => {
    const { front, cache, bounds } = setup({ clientLimit: 0 });
    await cache.rememberPending(pending('h2'), t0);
    expect(await front.poll('rp-1', 'h2', at(1))).toMatchObject({ cached: { outcome: 'pending' }, penalty: 0 });
    expect(await front.poll('rp-1', 'h2', at(2))).toMatchObject({ cached: { outcome: 'slow_down' }, penalty: 0 });
    expect(await front.poll('rp-1', 'h2', at(3))).toMatchObject({ cached: { outcome: 'slow_down' }, penalty: 10 });
    expect(await front.poll('rp-1', 'h2', at(4))).toEqual({ gate: { outcome: 'penalty', retryAfter: expect.any(Number) } });
    expect(await bounds.gate('rp-1')).toEqual({ outcome: 'penalty', retryAfter: expect.any(Number) });
    expect(await front.poll('rp-2', 'h2', at(4))).toEqual({ gate: { outcome: 'ok' }, cached: null, penalty: 0 });
  });

  it('with both bounds off, only the cache answers', async () => {
    const { front, cache } = setup({ clientLimit: 0, strikes: 0 });
    await cache.rememberPending(pending('h3'), t0);
    for (let i = 1; i <= 10; i++) expect(await front.poll('rp-1', 'h3', at(i / 10))).toMatchObject({ gate: { outcome: 'ok' }, penalty: 0 });
  });
});
