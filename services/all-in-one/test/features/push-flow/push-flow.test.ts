import { createHash, randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { NOTIFY_TEST_ENV } from '../../support/notify-test-env.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { buses } from '../../support/buses.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';

// CIBA Core §10.3 push mode through oauth4webapi: the server POSTs the token response plus auth_req_id
// to the client's notification endpoint; errors (§12) go there too. The client never polls.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const halfHash = (token: string) => createHash('sha256').update(token, 'ascii').digest().subarray(0, 16).toString('base64url');

// One system per bus (describe.each below); its beforeAll sets these for its tests.
let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;
let as: oauth.AuthorizationServer;

async function pushClient(name: string, metadata: Record<string, unknown> = {}) {
  const { client, clientAuth } = await registerClient(system, {
    client_name: name,
    backchannel_token_delivery_mode: 'push',
    backchannel_client_notification_endpoint: `${endpoint.base}/${name}`,
    ...metadata,
  });
  return { client, clientAuth, path: `/${name}` };
}

async function startRequest(c: { client: oauth.Client; clientAuth: oauth.ClientAuth }, extra: Record<string, string> = {}) {
  const token = `cnt-${randomBytes(12).toString('base64url')}`;
  const response = await oauth.backchannelAuthenticationRequest(as, c.client, c.clientAuth, { scope: 'openid profile email', login_hint: 'alice@example.com', client_notification_token: token, ...extra }, insecure);
  return { ...(await oauth.processBackchannelAuthenticationResponse(as, c.client, response)), token };
}

const userinfoStatus = async (c: { client: oauth.Client }, accessToken: string) => (await oauth.userInfoRequest(as, c.client, accessToken, insecure)).status;

describe.each(buses('push flow'))('push mode (CIBA Core §10.3, §12) over $name, end to end through oauth4webapi', (bus) => {
  beforeAll(async () => {
    system = await startTestSystem({ ...NOTIFY_TEST_ENV, ...bus.env });
    prompts = await startPromptReceiver();
    endpoint = await startNotificationReceiver();
    const user = await adminCall(system, 'PUT', '/admin/users/alice', {
      login_hints: ['alice@example.com'],
      claims: { name: 'Alice', email: 'alice@example.com' },
      channels: [{ type: 'webhook', url: prompts.url }],
    });
    expect(user.status).toBe(200);
    as = await discover(system);
  }, 60_000);

  afterAll(async () => {
    await endpoint?.close();
    await prompts?.close();
    await system?.dispose();
  });

  it('approve: the token response plus auth_req_id, with Bearer and JSON; the ID token carries auth_req_id, at_hash and rt_hash', async () => {
    const c = await pushClient('push-approve');
    const started = await startRequest(c);
    expect(started).not.toHaveProperty('interval');
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);

    const [push] = await endpoint.waitForCalls(c.path);
    expect(push!.headers.authorization).toBe(`Bearer ${started.token}`);
    expect(push!.headers['content-type']).toBe('application/json');
    const body = push!.body as Record<string, string | number>;
    expect(body).toStrictEqual({
      auth_req_id: started.auth_req_id,
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      refresh_token: expect.any(String),
      id_token: expect.any(String),
      scope: 'openid profile email',
    });

    const jwks = createRemoteJWKSet(new URL(as.jwks_uri!));
    const { payload } = await jwtVerify(String(body.id_token), jwks, { issuer: system.issuer, audience: c.client.client_id });
    expect(payload).toMatchObject({
      sub: 'alice',
      'urn:openid:params:jwt:claim:auth_req_id': started.auth_req_id,
      at_hash: halfHash(String(body.access_token)),
      'urn:openid:params:jwt:claim:rt_hash': halfHash(String(body.refresh_token)),
    });
    await jwtVerify(String(body.access_token), jwks, { issuer: system.issuer, typ: 'at+jwt' });

    const userinfo = await oauth.userInfoRequest(as, c.client, String(body.access_token), insecure);
    await expect(oauth.processUserInfoResponse(as, c.client, 'alice', userinfo)).resolves.toMatchObject({ sub: 'alice', name: 'Alice' });
    const refreshed = await oauth.processRefreshTokenResponse(as, c.client, await oauth.refreshTokenGrantRequest(as, c.client, c.clientAuth, String(body.refresh_token), insecure));
    expect(refreshed.access_token).toEqual(expect.any(String));

    // push clients do not poll; the auth_req_id is spent
    const poll = await oauth.backchannelAuthenticationGrantRequest(as, c.client, c.clientAuth, started.auth_req_id, insecure);
    await expect(oauth.processBackchannelAuthenticationGrantResponse(as, c.client, poll)).rejects.toBeInstanceOf(oauth.ResponseBodyError);
    await sleep(300);
    expect(endpoint.calls(c.path)).toHaveLength(1);
  }, 30_000);

  it('500 then 200: the retry carries a new set and only that set is valid', async () => {
    const c = await pushClient('push-flaky');
    endpoint.answer(c.path, [500, 200]);
    await startRequest(c);
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    const [first, second] = await endpoint.waitForCalls(c.path, 2);
    expect(second!.body.access_token).not.toBe(first!.body.access_token);
    await sleep(300);
    expect(await userinfoStatus(c, String(first!.body.access_token))).toBe(401);
    expect(await userinfoStatus(c, String(second!.body.access_token))).toBe(200);
    const stale = await oauth.refreshTokenGrantRequest(as, c.client, c.clientAuth, String(first!.body.refresh_token), insecure);
    await expect(oauth.processRefreshTokenResponse(as, c.client, stale)).rejects.toMatchObject({ error: 'invalid_grant' });
  }, 30_000);

  it('deny: {auth_req_id, error: access_denied, error_description}', async () => {
    const c = await pushClient('push-deny');
    const started = await startRequest(c);
    expect((await decide((await prompts.next()).body, 'deny')).status).toBe(200);
    const [push] = await endpoint.waitForCalls(c.path);
    expect(push!.headers.authorization).toBe(`Bearer ${started.token}`);
    expect(push!.body).toStrictEqual({ auth_req_id: started.auth_req_id, error: 'access_denied', error_description: 'the end-user denied the authorization request' });
  }, 30_000);

  it('expiry without a decision: {auth_req_id, error: expired_token, error_description}', async () => {
    const c = await pushClient('push-expire');
    const started = await startRequest(c, { requested_expiry: '2' });
    await prompts.next();
    const [push] = await endpoint.waitForCalls(c.path, 1, 15_000);
    expect(push!.body).toStrictEqual({ auth_req_id: started.auth_req_id, error: 'expired_token', error_description: 'the auth_req_id has expired' });
  }, 30_000);

  it('401 from the client: exactly one call, and the tokens it refused are revoked', async () => {
    const c = await pushClient('push-401');
    endpoint.answer(c.path, 401);
    await startRequest(c);
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    const [push] = await endpoint.waitForCalls(c.path);
    await sleep(1500);
    expect(endpoint.calls(c.path)).toHaveLength(1);
    expect(await userinfoStatus(c, String(push!.body.access_token))).toBe(401);
  }, 30_000);
});
