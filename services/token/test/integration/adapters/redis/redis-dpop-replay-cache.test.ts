import { createRedis } from '@ciba/service-kit';
import { redisDpopReplayCache } from '../../../../src/adapters/redis/redis-dpop-replay-cache.ts';
import { testRedis, type TestRedis } from '../../../support/test-redis.ts';

let r: TestRedis;
beforeAll(() => {
  r = testRedis();
});
afterAll(() => r.close());

describe('redisDpopReplayCache', () => {
  it('claims a key once, across instances (replicas), with the given TTL', async () => {
    const a = redisDpopReplayCache(r.redis, r.namespace);
    const b = redisDpopReplayCache(r.redis, r.namespace);
    await expect(a.claim('k1', 90)).resolves.toBe(true);
    await expect(b.claim('k1', 90)).resolves.toBe(false);
    await expect(b.claim('k2', 90)).resolves.toBe(true);
    const ttl = await r.redis.ttl(`${r.namespace}:token:dpop-jti:k1`);
    expect(ttl).toBeGreaterThan(80);
    expect(ttl).toBeLessThanOrEqual(90);
  });

  it('fails closed with 503 temporarily_unavailable when Redis is unreachable', async () => {
    const down = createRedis('redis://127.0.0.1:1', 'token-test-down');
    down.options.maxRetriesPerRequest = 0;
    down.options.enableOfflineQueue = false;
    try {
      await expect(redisDpopReplayCache(down, r.namespace).claim('k3', 10)).rejects.toMatchObject({ error: 'temporarily_unavailable', status: 503 });
    } finally {
      down.disconnect();
    }
  });
});
