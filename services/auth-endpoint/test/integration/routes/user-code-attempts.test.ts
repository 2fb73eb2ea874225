import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { userCodeAttemptKey } from '../../../src/adapters/redis/user-code-attempt-key.ts';
import { startTestService, type TestService } from '../../support/start-test-service.ts';

// The user_code attempt limit at POST /bc-authorize, on the real route, the real Redis and two
// service instances sharing it. Lockouts are seconds long; the tests wait them out, they time nothing.
const ADMIN_TOKEN = 'test-admin-token-0123456789'; // testConfig's: the keys' HMAC is derived from it
const basic = (id: string) => `Basic ${Buffer.from(`${id}:secret-of-${id}`).toString('base64')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LOCKED = { error: 'access_denied', error_description: 'too many wrong user codes for this user, try again later' };
const WRONG = { error: 'invalid_user_code', error_description: 'user_code is invalid' };

const services: TestService[] = [];
async function service(env: Record<string, string>, options: Parameters<typeof startTestService>[1] = {}): Promise<TestService> {
  const t = await startTestService(env, options);
  services.push(t);
  for (const client of ['rp', 'rp2']) t.directory.addClient(client, { backchannel_user_code_parameter: true });
  t.directory.addUser('alice', { hints: ['alice@example.com'], userCode: '1234' });
  t.directory.addUser('bob', { hints: ['bob@example.com'], userCode: '5678' });
  return t;
}
afterAll(async () => {
  for (const t of services.reverse()) await t.dispose();
});

const bcAuthorize = (t: TestService, sub: string, userCode: string, client = 'rp') =>
  fetch(`${t.url}/bc-authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client) },
    body: new URLSearchParams({ scope: 'openid', login_hint: `${sub}@example.com`, user_code: userCode }).toString(),
  });
const answer = async (res: Response) => ({ status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') });

describe('POST /bc-authorize: user_code attempts (BC_USER_CODE_*), two instances sharing Redis', () => {
  const LIMITS = { BC_USER_CODE_MAX_ATTEMPTS: '3', BC_USER_CODE_LOCKOUT_S: '2', BC_USER_CODE_LOCKOUT_MAX_S: '60' };

  it('after N wrong codes from any client on any instance, the user is locked out unchecked; the lockout doubles; other users are not', async () => {
    const namespace = `t-uc-${randomBytes(6).toString('hex')}`;
    const a = await service(LIMITS, { namespace });
    const b = await service(LIMITS, { namespace });
    expect(await answer(await bcAuthorize(a, 'alice', '0000'))).toEqual({ status: 400, body: WRONG, retryAfter: null });
    expect(await answer(await bcAuthorize(b, 'alice', '0001', 'rp2'))).toEqual({ status: 400, body: WRONG, retryAfter: null });
    expect(await answer(await bcAuthorize(a, 'alice', '0002', 'rp2'))).toEqual({ status: 400, body: WRONG, retryAfter: null });
    // locked: even the right code is refused, on either instance, without being checked
    const verify = jest.spyOn(b.directory, 'verifyUserCode');
    const locked = await answer(await bcAuthorize(b, 'alice', '1234'));
    expect(locked).toEqual({ status: 403, body: LOCKED, retryAfter: expect.stringMatching(/^[12]$/) });
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
    expect((await answer(await bcAuthorize(a, 'alice', '1234', 'rp2'))).body).toEqual(LOCKED);
    // another user is untouched
    expect((await answer(await bcAuthorize(a, 'bob', '5678'))).status).toBe(200);

    // the lockout passes; three more wrong codes lock again, for twice as long
    await sleep(Number(locked.retryAfter) * 1000 + 100);
    for (const code of ['1000', '1001', '1002']) expect((await answer(await bcAuthorize(b, 'alice', code))).body).toEqual(WRONG);
    const again = await answer(await bcAuthorize(a, 'alice', '1234'));
    expect(again).toEqual({ status: 403, body: LOCKED, retryAfter: expect.stringMatching(/^[34]$/) });
  }, 30_000);

  it('a right code resets the count', async () => {
    const namespace = `t-uc-${randomBytes(6).toString('hex')}`;
    const a = await service(LIMITS, { namespace });
    const b = await service(LIMITS, { namespace });
    for (const code of ['0000', '0001']) expect((await answer(await bcAuthorize(a, 'alice', code))).body).toEqual(WRONG);
    expect((await answer(await bcAuthorize(b, 'alice', '1234'))).status).toBe(200);
    for (const code of ['0002', '0003', '0004']) expect((await answer(await bcAuthorize(b, 'alice', code))).body).toEqual(WRONG);
    expect((await answer(await bcAuthorize(a, 'alice', '1234'))).body).toEqual(LOCKED);
  });

  it('concurrent wrong guesses cannot exceed the limit: at most N codes are checked', async () => {
    const a = await service(LIMITS);
    const b = await service(LIMITS, { namespace: a.namespace });
    const verified = [jest.spyOn(a.directory, 'verifyUserCode'), jest.spyOn(b.directory, 'verifyUserCode')];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => bcAuthorize(i % 2 ? a : b, 'alice', `9${i}`).then(answer)));
    expect(answers.filter((x) => x.status === 400)).toHaveLength(3);
    expect(answers.filter((x) => x.status === 403)).toHaveLength(9);
    expect(verified.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBe(3);
  });

  it('Redis keeps an HMAC of the user, never the sub, with a TTL', async () => {
    const t = await service({ ...LIMITS, BC_USER_CODE_MEMORY_S: '600' });
    await bcAuthorize(t, 'alice', '0000');
    const keys = await t.redis.keys(`${t.namespace}:*`);
    const key = userCodeAttemptKey(t.namespace, ADMIN_TOKEN)('alice');
    expect(keys).toContain(key);
    expect(keys.join(' ')).not.toContain('alice');
    const ttl = await t.redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600_000);
    expect(await t.redis.hget(key, 'a')).toBe('1');
  });

  it('Redis down: a request carrying a user_code gets 503 temporarily_unavailable (fails closed); the code is not checked', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const t = await service(LIMITS, { redisUrl: `redis://127.0.0.1:${port}` });
    const verify = jest.spyOn(t.directory, 'verifyUserCode');
    expect(await answer(await bcAuthorize(t, 'alice', '1234'))).toEqual({
      status: 503,
      body: { error: 'temporarily_unavailable', error_description: 'the user_code cannot be checked now, try again later' },
      retryAfter: '5',
    });
    expect(verify).not.toHaveBeenCalled();
    expect(t.logs.join('\n')).not.toContain('alice');
  });

  it('off (BC_USER_CODE_MAX_ATTEMPTS=0): wrong codes are never locked out', async () => {
    const t = await service({ BC_USER_CODE_MAX_ATTEMPTS: '0' });
    for (let i = 0; i < 5; i++) expect((await answer(await bcAuthorize(t, 'alice', `000${i}`))).body).toEqual(WRONG);
    expect((await answer(await bcAuthorize(t, 'alice', '1234'))).status).toBe(200);
  });
});
