import { Redis } from 'ioredis';
import { randomToken, sha256 } from '@ciba/service-kit';
import { startGrantsHarness, type GrantsHarness } from '../../../support/grants-harness.ts';

// Polling bounds at POST /token (CIBA grant) on two token-service replicas sharing PostgreSQL and
// Redis: each request's slow_down pace, the per-client rate, and the penalty for ignoring slow_down.
// Penalties are a second or two long; the tests wait them out, they time nothing.
const CIBA = 'urn:openid:params:grant-type:ciba';
const harnesses: GrantsHarness[] = [];
async function replicas(env: Record<string, string> = {}): Promise<[GrantsHarness, GrantsHarness]> {
  const a = await startGrantsHarness({ env });
  const b = await startGrantsHarness({ env, replicaOf: a });
  harnesses.push(b, a);
  for (const h of [a, b]) {
    h.directory.addClient({ client_id: 'rp-1' });
    h.directory.addClient({ client_id: 'rp-2' });
    h.directory.addUser('alice', { name: 'Alice' });
  }
  return [a, b];
}
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

const poll = (h: GrantsHarness, authReqId: string, clientId = 'rp-1') => h.post('/token', { grant_type: CIBA, auth_req_id: authReqId }, clientId);
const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PENDING = { error: 'authorization_pending', error_description: 'the authorization request is still pending' };
const slowDown = (interval: number) => ({ error: 'slow_down', error_description: `polling too fast, wait at least ${interval} seconds between requests` });

describe('POST /token (CIBA): slow_down pace of one request across replicas', () => {
  it('the interval grown by slow_down on one replica holds on the other, and after the cache entry lapses', async () => {
    const [a, b] = await replicas();
    const { authReqId, request } = a.newRequest();
    await a.seedGrant(request);
    expect((await answer(await poll(a, authReqId))).body).toEqual(PENDING);
    expect((await answer(await poll(b, authReqId))).body).toEqual(slowDown(10));
    expect((await answer(await poll(a, authReqId))).body).toEqual(slowDown(15));
    // the cache entry lapses (60 s TTL): the database answers next, from its own older record
    // (interval 5, first poll), and the pace every replica kept still says 15 → 20, not 10
    const r = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    await r.del(`${a.namespace}:token:poll:${sha256(authReqId)}`);
    r.disconnect();
    expect((await answer(await poll(b, authReqId))).body).toEqual(slowDown(20));
    expect((await answer(await poll(a, authReqId))).body).toEqual(slowDown(25));
  });
});

describe('POST /token (CIBA): per-client rate (TOKEN_POLL_CLIENT_LIMIT), shared by the replicas', () => {
  it('past the limit the client gets slow_down with Retry-After without its auth_req_id being looked up; other clients do not', async () => {
    const [a, b] = await replicas({ TOKEN_POLL_CLIENT_LIMIT: '6', TOKEN_POLL_CLIENT_WINDOW_S: '60' });
    // unknown auth_req_ids: looked up, they answer invalid_grant; refused by the bound, they never are
    for (let i = 0; i < 6; i++) {
      expect((await answer(await poll(i % 2 ? a : b, randomToken(32)))).body).toMatchObject({ error: 'invalid_grant' });
    }
    for (const h of [a, b]) {
      const refused = await answer(await poll(h, randomToken(32)));
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ error: 'slow_down', error_description: expect.stringMatching(/^too many polls from this client, slow down; retry in at least \d+ seconds$/) });
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    }
    expect((await answer(await poll(a, randomToken(32), 'rp-2'))).body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('POST /token (CIBA): penalty for ignoring slow_down (TOKEN_POLL_STRIKES, TOKEN_POLL_PENALTY_*)', () => {
  it('after N slow_downs on any replica every poll of the client gets 429 slow_down + Retry-After, unchecked; the next penalty doubles', async () => {
    const [a, b] = await replicas({ TOKEN_POLL_STRIKES: '3', TOKEN_POLL_PENALTY_S: '1', TOKEN_POLL_PENALTY_MAX_S: '60' });
    const { authReqId, request } = a.newRequest();
    await a.seedGrant(request);
    expect((await answer(await poll(a, authReqId))).body).toEqual(PENDING);
    expect((await answer(await poll(b, authReqId))).body).toEqual(slowDown(10));
    expect((await answer(await poll(a, authReqId))).body).toEqual(slowDown(15));
    expect((await answer(await poll(b, authReqId))).body).toEqual(slowDown(20)); // the third: penalty starts
    const penalised = await answer(await poll(a, authReqId));
    expect(penalised).toEqual({
      status: 429,
      body: { error: 'slow_down', error_description: 'polling too fast after repeated slow_down, retry in at least 1 seconds' },
      retryAfter: '1',
    });
    // unchecked: even an unknown auth_req_id gets the same answer; another client does not
    expect((await answer(await poll(b, randomToken(32)))).status).toBe(429);
    expect((await answer(await poll(b, randomToken(32), 'rp-2'))).body).toMatchObject({ error: 'invalid_grant' });

    await sleep(1100);
    for (const interval of [25, 30, 35]) expect((await answer(await poll(a, authReqId))).body).toEqual(slowDown(interval));
    const again = await answer(await poll(b, authReqId));
    expect({ status: again.status, retryAfter: again.retryAfter }).toEqual({ status: 429, retryAfter: '2' });
  });

  it('a client that keeps to the interval is never penalised', async () => {
    const [a, b] = await replicas({ TOKEN_POLL_STRIKES: '1' });
    for (let i = 0; i < 4; i++) {
      const { authReqId, request } = a.newRequest();
      await a.seedGrant(request);
      expect((await answer(await poll(i % 2 ? a : b, authReqId))).body).toEqual(PENDING);
    }
  });
});
