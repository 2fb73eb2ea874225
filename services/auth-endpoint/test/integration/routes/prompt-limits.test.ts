import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { CONSENT_DENIED_V1, TOPICS } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import { promptLimitKeys } from '../../../src/adapters/redis/prompt-limit-keys.ts';
import { PROMPT_LIMITS_GROUP } from '../../../src/handlers/decision-consumer.ts';
import { startTestService, type TestService } from '../../support/start-test-service.ts';

// Prompt-bombing protection at POST /bc-authorize, on the real route, the real Redis (a namespace per
// service) and the real database. Windows are seconds long; the tests wait them out, they time nothing.
const ADMIN_TOKEN = 'test-admin-token-0123456789'; // testConfig's: the keys' HMAC is derived from it
const basic = (id: string) => `Basic ${Buffer.from(`${id}:secret-of-${id}`).toString('base64')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OFF = { BC_USER_PROMPT_LIMIT: '0', BC_CLIENT_PROMPT_LIMIT: '0', BC_DUPLICATE_PROMPT_WINDOW_S: '0' };

const services: TestService[] = [];
async function service(env: Record<string, string>, options: Parameters<typeof startTestService>[1] = {}): Promise<TestService> {
  const t = await startTestService({ ...OFF, ...env }, options);
  services.push(t);
  for (const client of ['rp', 'rp2', 'rp3']) t.directory.addClient(client);
  for (const sub of ['alice', 'bob', 'carol']) t.directory.addUser(sub, { hints: [`${sub}@example.com`] });
  return t;
}
afterAll(async () => {
  for (const t of services.reverse()) await t.dispose();
});

const bcAuthorize = (t: TestService, sub: string, client = 'rp', extra: Record<string, string> = {}) =>
  fetch(`${t.url}/bc-authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client) },
    body: new URLSearchParams({ scope: 'openid', login_hint: `${sub}@example.com`, ...extra }).toString(),
  });

async function expectAccepted(res: Response): Promise<string> {
  const body = (await res.json()) as { auth_req_id: string };
  expect({ status: res.status, body }).toEqual({ status: 200, body: expect.objectContaining({ auth_req_id: expect.any(String) }) });
  return body.auth_req_id;
}

/** The refusal, exactly: 403 access_denied, the description, Retry-After within [min, max] seconds; returns Retry-After. */
async function expectRefused(res: Response, description: string, min: number, max: number): Promise<number> {
  expect({ status: res.status, body: await res.json() }).toEqual({ status: 403, body: { error: 'access_denied', error_description: description } });
  expect(res.headers.get('cache-control')).toBe('no-store');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(min);
  expect(retryAfter).toBeLessThanOrEqual(max);
  return retryAfter;
}

const USER = 'too many authentication requests for this user, try again later';
const CLIENT = 'too many authentication requests from this client, try again later';
const PENDING = 'a request of this client is already pending for this user';

const keysOf = (t: TestService) => promptLimitKeys(t.namespace, ADMIN_TOKEN);
const storedRequests = async (t: TestService) => Number((await t.db.query(`SELECT count(*) AS n FROM "${t.schema}".auth_requests`)).rows[0].n);

describe('POST /bc-authorize: per-user limit (BC_USER_PROMPT_LIMIT, BC_USER_PROMPT_WINDOW_S)', () => {
  it('the (N+1)th prompt for a user in the window is refused; other users are not; the window passing lets one through', async () => {
    const t = await service({ BC_USER_PROMPT_LIMIT: '2', BC_USER_PROMPT_WINDOW_S: '2' });
    await expectAccepted(await bcAuthorize(t, 'alice'));
    await expectAccepted(await bcAuthorize(t, 'alice', 'rp2')); // every client counts for the user
    const retryAfter = await expectRefused(await bcAuthorize(t, 'alice'), USER, 1, 2);
    await expectRefused(await bcAuthorize(t, 'alice', 'rp2'), USER, 1, 2);
    await expectAccepted(await bcAuthorize(t, 'bob'));
    // refusals counted nothing: still the two accepted requests, and only they were stored
    expect(await t.redis.zcard(keysOf(t)('rp', 'alice').user)).toBe(2);
    expect(await storedRequests(t)).toBe(3);

    await sleep(retryAfter * 1000 + 100);
    await expectAccepted(await bcAuthorize(t, 'alice'));
  });
});

describe('POST /bc-authorize: per-client limit (BC_CLIENT_PROMPT_LIMIT)', () => {
  it('beyond the limit the client is refused for every user; other clients are not', async () => {
    const t = await service({ BC_CLIENT_PROMPT_LIMIT: '2', BC_CLIENT_PROMPT_WINDOW_S: '60' });
    await expectAccepted(await bcAuthorize(t, 'alice'));
    await expectAccepted(await bcAuthorize(t, 'bob'));
    await expectRefused(await bcAuthorize(t, 'carol'), CLIENT, 1, 60);
    await expectAccepted(await bcAuthorize(t, 'carol', 'rp2'));
    expect(await t.redis.hget(keysOf(t)('rp', 'x').client, 'c')).toBe('2');
  });
});

describe('POST /bc-authorize: no duplicate prompt while a request is pending (BC_DUPLICATE_PROMPT_WINDOW_S)', () => {
  it('the same client is refused for the same user until the request is decided; other clients and users are not', async () => {
    const t = await service({ BC_DUPLICATE_PROMPT_WINDOW_S: '60' });
    const authReqId = await expectAccepted(await bcAuthorize(t, 'alice'));
    await expectRefused(await bcAuthorize(t, 'alice'), PENDING, 59, 60);
    await expectAccepted(await bcAuthorize(t, 'alice', 'rp2'));
    await expectAccepted(await bcAuthorize(t, 'bob'));

    // the user denies it on the device: the decision reaches the auth-endpoint's consumer
    const hash = createHash('sha256').update(authReqId).digest('base64url');
    const requestId = (await t.db.query(`SELECT request_id FROM "${t.schema}".auth_requests WHERE auth_req_id_hash = $1`, [hash])).rows[0].request_id as string;
    const denied = newEvent(TOPICS.consentDecisions, {
      type: CONSENT_DENIED_V1,
      source: '/services/consent-dispatcher',
      subject: requestId,
      data: { request_id: requestId, prompt_id: 'prompt-1', client_id: 'rp', sub: 'alice', decided_at: new Date().toISOString() },
    });
    await t.bus.deliver(PROMPT_LIMITS_GROUP, TOPICS.consentDecisions, denied);
    await expectAccepted(await bcAuthorize(t, 'alice'));
  });

  it('a request that expires before the window ends blocks no longer than its expiry', async () => {
    const t = await service({ BC_DUPLICATE_PROMPT_WINDOW_S: '60', CIBA_MIN_EXPIRY: '1' });
    await expectAccepted(await bcAuthorize(t, 'alice', 'rp', { requested_expiry: '1' }));
    await expectRefused(await bcAuthorize(t, 'alice'), PENDING, 1, 1);
    await sleep(1100);
    await expectAccepted(await bcAuthorize(t, 'alice'));
  });
});

describe('POST /bc-authorize: what the limits count', () => {
  it('a request that fails after the check (its insert fails) leaves nothing counted and no pending mark', async () => {
    const t = await service({ BC_USER_PROMPT_LIMIT: '1', BC_CLIENT_PROMPT_LIMIT: '10', BC_DUPLICATE_PROMPT_WINDOW_S: '60' });
    await t.db.query(`
      CREATE FUNCTION "${t.schema}".refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.binding_message = 'FAIL' THEN RAISE EXCEPTION 'insert refused by the test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_insert BEFORE INSERT ON "${t.schema}".auth_requests FOR EACH ROW EXECUTE FUNCTION "${t.schema}".refuse_insert();
    `);
    const failed = await bcAuthorize(t, 'alice', 'rp', { binding_message: 'FAIL' });
    expect({ status: failed.status, body: await failed.json() }).toEqual({ status: 500, body: { error: 'server_error', error_description: 'internal server error' } });
    const keys = keysOf(t)('rp', 'alice');
    expect(await t.redis.zcard(keys.user)).toBe(0);
    expect(await t.redis.exists(keys.pending)).toBe(0);
    expect(await t.redis.hget(keys.client, 'c')).toBe('0');
    // so the user's one prompt of the window is still there, for this client
    await expectAccepted(await bcAuthorize(t, 'alice'));
  });

  it('two service instances on one Redis share the limits', async () => {
    const namespace = `t-shared-${randomBytes(6).toString('hex')}`;
    const env = { BC_USER_PROMPT_LIMIT: '2', BC_USER_PROMPT_WINDOW_S: '60', BC_DUPLICATE_PROMPT_WINDOW_S: '60' };
    const a = await service(env, { namespace });
    const b = await service(env, { namespace });
    await expectAccepted(await bcAuthorize(a, 'alice'));
    await expectRefused(await bcAuthorize(b, 'alice'), PENDING, 59, 60); // a's pending request, seen by b
    await expectAccepted(await bcAuthorize(b, 'alice', 'rp2'));
    await expectRefused(await bcAuthorize(a, 'alice', 'rp2'), PENDING, 59, 60);
    // two prompts for alice in all, one through each instance: the third is refused by either
    await expectRefused(await bcAuthorize(a, 'alice', 'rp3'), USER, 59, 60);
    await expectRefused(await bcAuthorize(b, 'alice', 'rp3'), USER, 59, 60);
    await expectAccepted(await bcAuthorize(b, 'bob', 'rp3'));
  });
});

describe('POST /bc-authorize: Redis down', () => {
  const deadRedis = async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return `redis://127.0.0.1:${port}`;
  };

  it('limits on: 503 temporarily_unavailable with Retry-After, and nothing is stored (they fail closed)', async () => {
    const t = await service({ BC_USER_PROMPT_LIMIT: '5' }, { redisUrl: await deadRedis() });
    const res = await bcAuthorize(t, 'alice');
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 503,
      body: { error: 'temporarily_unavailable', error_description: 'the request cannot be checked against the prompt limits now, try again later' },
    });
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await storedRequests(t)).toBe(0);
    expect(t.logs.some((line) => line.includes('prompt limits unavailable, request refused'))).toBe(true);
    expect(t.logs.join('\n')).not.toContain('alice');
  });

  it('every limit 0: Redis is not asked, requests are accepted', async () => {
    const t = await service(OFF, { redisUrl: await deadRedis() });
    await expectAccepted(await bcAuthorize(t, 'alice'));
    await expectAccepted(await bcAuthorize(t, 'alice'));
  });
});
