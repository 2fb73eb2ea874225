import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { waitFor } from '@ciba/test-support';
import { promptLimitKeys } from '../../../../src/adapters/redis/prompt-limit-keys.ts';
import { redisPromptLimits } from '../../../../src/adapters/redis/redis-prompt-limits.ts';
import type { PromptLimitsConfig } from '../../../../src/config.ts';
import type { PromptReservation } from '../../../../src/domain/prompt-limits.ts';

const SECRET = 'test-admin-token-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const limitsOf = (partial: Partial<PromptLimitsConfig>): PromptLimitsConfig => ({
  perUser: { limit: 0, windowS: 60 },
  perClient: { limit: 0, windowS: 60 },
  duplicateWindowS: 0,
  timeoutMs: 2000,
  ...partial,
});

describe('redisPromptLimits (real Redis)', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const namespaces: string[] = [];
  const setup = (partial: Partial<PromptLimitsConfig>) => {
    const namespace = `t-limits-${randomBytes(6).toString('hex')}`;
    namespaces.push(namespace);
    return { limits: redisPromptLimits(redis, { namespace, secret: SECRET, limits: limitsOf(partial) }), keys: promptLimitKeys(namespace, SECRET) };
  };
  const prompt = (sub: string, clientId = 'rp', expiresIn = 600) => ({ requestId: randomUUID(), clientId, sub, expiresIn });
  const accepted = (r: PromptReservation) => r.accepted;

  afterAll(async () => {
    for (const ns of namespaces) {
      const keys = await redis.keys(`${ns}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });

  describe('per user (sliding window)', () => {
    it('the limit-th request passes, the next is refused with the wait until the oldest leaves; refusals count nothing', async () => {
      const { limits, keys } = setup({ perUser: { limit: 2, windowS: 60 } });
      expect(accepted(await limits.reserve(prompt('alice')))).toBe(true);
      expect(accepted(await limits.reserve(prompt('alice', 'other-rp')))).toBe(true);
      for (let i = 0; i < 3; i++) {
        const refused = await limits.reserve(prompt('alice'));
        expect(refused).toEqual({ accepted: false, refusal: 'user', retryAfter: expect.any(Number) });
        expect((refused as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(59);
        expect((refused as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(60);
      }
      expect(await redis.zcard(keys('rp', 'alice').user)).toBe(2);
      expect(accepted(await limits.reserve(prompt('bob')))).toBe(true);
    });

    it('once the window has passed, the user may be prompted again', async () => {
      const { limits } = setup({ perUser: { limit: 1, windowS: 1 } });
      expect(accepted(await limits.reserve(prompt('alice')))).toBe(true);
      expect(await limits.reserve(prompt('alice'))).toEqual({ accepted: false, refusal: 'user', retryAfter: 1 });
      await sleep(1100);
      expect(accepted(await limits.reserve(prompt('alice')))).toBe(true);
    });
  });

  describe('per client (sliding-window counter)', () => {
    it('counts every user of the client; beyond the limit refused, other clients unaffected', async () => {
      const { limits } = setup({ perClient: { limit: 3, windowS: 60 } });
      for (const sub of ['u1', 'u2', 'u3']) expect(accepted(await limits.reserve(prompt(sub)))).toBe(true);
      const refused = await limits.reserve(prompt('u4'));
      expect(refused).toMatchObject({ accepted: false, refusal: 'client' });
      expect((refused as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(1);
      expect((refused as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(60);
      expect(accepted(await limits.reserve(prompt('u4', 'other-rp')))).toBe(true);
    });
  });

  describe('duplicate prompts', () => {
    it('refused while the same client has a request pending for the user; another client may prompt', async () => {
      const { limits } = setup({ duplicateWindowS: 60 });
      expect(accepted(await limits.reserve(prompt('alice')))).toBe(true);
      expect(await limits.reserve(prompt('alice'))).toEqual({ accepted: false, refusal: 'pending', retryAfter: 60 });
      expect(accepted(await limits.reserve(prompt('alice', 'other-rp')))).toBe(true);
      expect(accepted(await limits.reserve(prompt('bob')))).toBe(true);
    });

    it('settled clears the mark only for the request that set it', async () => {
      const { limits, keys } = setup({ duplicateWindowS: 60 });
      const first = prompt('alice');
      await limits.reserve(first);
      await limits.settled({ requestId: randomUUID(), clientId: 'rp', sub: 'alice' });
      expect(await redis.get(keys('rp', 'alice').pending)).toBe(first.requestId);
      await limits.settled({ requestId: first.requestId, clientId: 'rp', sub: 'alice' });
      expect(await redis.exists(keys('rp', 'alice').pending)).toBe(0);
      expect(accepted(await limits.reserve(prompt('alice')))).toBe(true);
    });

    it('the mark lasts no longer than the request (expires_in shorter than the window)', async () => {
      const { limits, keys } = setup({ duplicateWindowS: 60 });
      await limits.reserve(prompt('alice', 'rp', 1));
      const ttl = await redis.pttl(keys('rp', 'alice').pending);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1000);
      await sleep(1100);
      expect(accepted(await limits.reserve(prompt('alice')))).toBe(true);
    });
  });

  it('the duplicate rule answers first, then the user limit, then the client limit; one refusal counts nowhere', async () => {
    const { limits, keys } = setup({ perUser: { limit: 1, windowS: 60 }, perClient: { limit: 2, windowS: 60 }, duplicateWindowS: 60 });
    await limits.reserve(prompt('alice'));
    expect(await limits.reserve(prompt('alice'))).toMatchObject({ refusal: 'pending' });
    expect(await limits.reserve(prompt('alice', 'other-rp'))).toMatchObject({ refusal: 'user' });
    await limits.reserve(prompt('bob'));
    expect(await limits.reserve(prompt('carol'))).toMatchObject({ refusal: 'client' });
    expect(await redis.hget(keys('rp', 'x').client, 'c')).toBe('2');
    expect(await redis.zcard(keys('rp', 'carol').user)).toBe(0);
    expect(await redis.exists(keys('rp', 'carol').pending)).toBe(0);
  });

  it('release takes back all that one reservation counted, and nothing else', async () => {
    const { limits, keys } = setup({ perUser: { limit: 2, windowS: 60 }, perClient: { limit: 10, windowS: 60 }, duplicateWindowS: 60 });
    await limits.reserve(prompt('alice', 'other-rp'));
    const reservation = await limits.reserve(prompt('alice'));
    if (!reservation.accepted) throw new Error('expected an accepted prompt');
    await reservation.release();
    expect(await redis.exists(keys('rp', 'alice').pending)).toBe(0);
    expect(await redis.zcard(keys('rp', 'alice').user)).toBe(1);
    expect(await redis.hget(keys('rp', 'alice').client, 'c')).toBe('0');
    expect(await redis.exists(keys('other-rp', 'alice').pending)).toBe(1);
    expect(accepted(await limits.reserve(prompt('alice')))).toBe(true);
  });

  describe('Redis unable to answer: reserve throws (the endpoint fails closed)', () => {
    it('connection down: throws at once', async () => {
      const port = await freePort();
      const down = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null, retryStrategy: () => 200 });
      down.on('error', () => undefined);
      await waitFor(() => down.status === 'reconnecting', 5000, 'a reconnecting connection');
      const limits = redisPromptLimits(down, { namespace: 't-down', secret: SECRET, limits: limitsOf({ perUser: { limit: 5, windowS: 60 } }) });
      await expect(limits.reserve(prompt('alice'))).rejects.toThrow('redis connection is reconnecting');
      await expect(limits.settled({ requestId: randomUUID(), clientId: 'rp', sub: 'alice' })).resolves.toBeUndefined(); // duplicate rule off: nothing to clear
      down.disconnect();
    });

    it('a Redis that stops answering: throws after the timeout, and what it counts when it answers late is taken back', async () => {
      const server = await startRedisServer();
      const hung = new Redis(server.url, { maxRetriesPerRequest: null });
      try {
        const config = limitsOf({ perUser: { limit: 5, windowS: 60 }, perClient: { limit: 50, windowS: 60 }, duplicateWindowS: 60, timeoutMs: 200 });
        const limits = redisPromptLimits(hung, { namespace: 't-hung', secret: SECRET, limits: config });
        const keys = promptLimitKeys('t-hung', SECRET)('rp', 'alice');
        expect(accepted(await limits.reserve(prompt('bob')))).toBe(true); // the scripts are loaded
        server.child.kill('SIGSTOP');
        await expect(limits.reserve(prompt('alice'))).rejects.toThrow('redis did not answer within 200 ms');
        server.child.kill('SIGCONT');
        await waitFor(async () => (await hung.hget(keys.client, 'c')) === '1', 5000, 'the late reservation taken back');
        expect(await hung.zcard(keys.user)).toBe(0);
        expect(await hung.exists(keys.pending)).toBe(0);
      } finally {
        server.child.kill('SIGCONT');
        hung.disconnect();
        await server.stop();
      }
    });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of the test's own (no persistence), so it can be stopped with SIGSTOP. */
async function startRedisServer(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  await waitFor(async () => probe.connect().then(() => true, () => false), 10_000, 'redis-server');
  probe.disconnect();
  return {
    url,
    child,
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
