import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { buses } from '../../support/buses.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { NOTIFY_TEST_ENV } from '../../support/notify-test-env.ts';

// CIBA Core §10.2 ping mode through oauth4webapi: the server POSTs {auth_req_id} to the client's
// notification endpoint with its client_notification_token; the client then calls the token endpoint.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// One system per bus (describe.each below); its beforeAll sets these for its tests.
let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;
let as: oauth.AuthorizationServer;

/** A ping client whose notification endpoint is `<receiver>/<name>`. */
async function pingClient(name: string) {
  const { client, clientAuth } = await registerClient(system, {
    client_name: name,
    backchannel_token_delivery_mode: 'ping',
    backchannel_client_notification_endpoint: `${endpoint.base}/${name}`,
  });
  return { client, clientAuth, path: `/${name}` };
}

async function startRequest(c: { client: oauth.Client; clientAuth: oauth.ClientAuth }, extra: Record<string, string> = {}) {
  const token = `cnt-${randomBytes(12).toString('base64url')}`;
  const response = await oauth.backchannelAuthenticationRequest(as, c.client, c.clientAuth, { scope: 'openid profile', login_hint: 'alice@example.com', client_notification_token: token, ...extra }, insecure);
  const started = await oauth.processBackchannelAuthenticationResponse(as, c.client, response);
  return { ...started, token };
}

/** The operator view of a request's notification, found by the `auth_req_id` the client got, once it is no longer pending. */
async function notificationOf(authReqId: string): Promise<Record<string, any>> {
  for (let i = 0; ; i++) {
    const view = (await (await adminCall(system, 'GET', `/admin/notifications?auth_req_id=${encodeURIComponent(authReqId)}`)).json()) as Record<string, any>;
    if (view.status !== 'pending' || i > 100) return view;
    await sleep(100);
  }
}

const tokenRequest = async (c: { client: oauth.Client; clientAuth: oauth.ClientAuth }, authReqId: string) =>
  oauth.processBackchannelAuthenticationGrantResponse(as, c.client, await oauth.backchannelAuthenticationGrantRequest(as, c.client, c.clientAuth, authReqId, insecure));


describe.each(buses('ping flow'))('ping mode (CIBA Core §10.2) over $name, end to end through oauth4webapi', (bus) => {
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

  it('approve: one POST of exactly {auth_req_id} with Bearer <client_notification_token> and JSON; the token endpoint answers at once', async () => {
    const c = await pingClient('ping-approve');
    const started = await startRequest(c);
    expect(started.interval).toBe(1);
    // ping clients may poll too
    await expect(tokenRequest(c, started.auth_req_id)).rejects.toMatchObject({ error: 'authorization_pending' });
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);

    const [ping] = await endpoint.waitForCalls(c.path);
    expect(ping!.headers.authorization).toBe(`Bearer ${started.token}`);
    expect(ping!.headers['content-type']).toBe('application/json');
    expect(ping!.body).toStrictEqual({ auth_req_id: started.auth_req_id });

    const tokens = await tokenRequest(c, started.auth_req_id);
    expect(tokens.token_type).toBe('bearer');
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ iss: system.issuer, sub: 'alice', aud: c.client.client_id });
    await sleep(300);
    expect(endpoint.calls(c.path)).toHaveLength(1);
  }, 30_000);

  it('deny: the ping, then access_denied at the token endpoint', async () => {
    const c = await pingClient('ping-deny');
    const started = await startRequest(c);
    expect((await decide((await prompts.next()).body, 'deny')).status).toBe(200);
    const [ping] = await endpoint.waitForCalls(c.path);
    expect(ping!.body).toStrictEqual({ auth_req_id: started.auth_req_id });
    await expect(tokenRequest(c, started.auth_req_id)).rejects.toMatchObject({ error: 'access_denied' });
  }, 30_000);

  it('expiry without anyone polling: the ping, then expired_token at the token endpoint', async () => {
    const c = await pingClient('ping-expire');
    const started = await startRequest(c, { requested_expiry: '2' });
    await prompts.next();
    const [ping] = await endpoint.waitForCalls(c.path, 1, 15_000);
    expect(ping!.body).toStrictEqual({ auth_req_id: started.auth_req_id });
    expect(ping!.at).toBeGreaterThanOrEqual(Date.now() - 15_000);
    await expect(tokenRequest(c, started.auth_req_id)).rejects.toMatchObject({ error: 'expired_token' });
  }, 30_000);

  it('500 then 200: retried and delivered; the operator view shows both attempts', async () => {
    const c = await pingClient('ping-flaky');
    endpoint.answer(c.path, [500, 200]);
    const started = await startRequest(c);
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    const calls = await endpoint.waitForCalls(c.path, 2);
    expect(calls.map((n) => n.body)).toStrictEqual([{ auth_req_id: started.auth_req_id }, { auth_req_id: started.auth_req_id }]);
    const view = await notificationOf(started.auth_req_id);
    expect(view).toMatchObject({ mode: 'ping', outcome: 'approved', status: 'delivered', attempt_count: 2, last_status: 200 });
    expect(view.attempts.map((a: Record<string, unknown>) => [a.status_code, a.outcome])).toEqual([
      [500, 'retry'],
      [200, 'delivered'],
    ]);
    await expect(tokenRequest(c, started.auth_req_id)).resolves.toMatchObject({ access_token: expect.any(String) });
  }, 30_000);

  it('operators look a finished flow up by its auth_req_id, and by the internal request_id that answer names', async () => {
    const c = await pingClient('ping-operator');
    const started = await startRequest(c);
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    await endpoint.waitForCalls(c.path);
    const byAuthReqId = await notificationOf(started.auth_req_id);
    expect(byAuthReqId).toMatchObject({ request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), client_id: c.client.client_id, mode: 'ping', outcome: 'approved', status: 'delivered', attempt_count: 1 });
    const byRequestId = await adminCall(system, 'GET', `/admin/notifications/${byAuthReqId.request_id}`);
    expect(byRequestId.status).toBe(200);
    expect(await byRequestId.json()).toEqual(byAuthReqId);
    // The auth_req_id is not an internal id, nor the other way round.
    expect((await adminCall(system, 'GET', `/admin/notifications/${started.auth_req_id}`)).status).toBe(404);
    expect((await adminCall(system, 'GET', `/admin/notifications?auth_req_id=${byAuthReqId.request_id}`)).status).toBe(404);
  }, 30_000);

  it.each([
    ['ping-401', 401],
    ['ping-403', 403],
    ['ping-301', 301],
  ])('%s: exactly one call, never retried nor followed; the client can still poll', async (name, status) => {
    const c = await pingClient(name);
    endpoint.answer(c.path, status);
    const started = await startRequest(c);
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    await endpoint.waitForCalls(c.path);
    await sleep(1500); // several backoffs: a retry would have come by now
    expect(endpoint.calls(c.path)).toHaveLength(1);
    expect(endpoint.calls('/redirected')).toHaveLength(0);
    expect(await notificationOf(started.auth_req_id)).toMatchObject({ status: 'failed', attempt_count: 1, last_status: status, failure_reason: status === 301 ? 'redirected' : 'rejected' });
    await expect(tokenRequest(c, started.auth_req_id)).resolves.toMatchObject({ access_token: expect.any(String) });
  }, 30_000);

  it('an endpoint that never answers: bounded attempts, each cut by the timeout', async () => {
    const c = await pingClient('ping-never');
    endpoint.answer(c.path, 'never');
    const started = await startRequest(c);
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    await endpoint.waitForCalls(c.path, Number(NOTIFY_TEST_ENV.NOTIFY_MAX_ATTEMPTS));
    await sleep(1500);
    expect(endpoint.calls(c.path)).toHaveLength(Number(NOTIFY_TEST_ENV.NOTIFY_MAX_ATTEMPTS));
    const view = await notificationOf(started.auth_req_id);
    expect(view).toMatchObject({ status: 'failed', failure_reason: 'attempts_exhausted', attempt_count: 3, last_error: 'outbound_timeout' });
  }, 30_000);
});
