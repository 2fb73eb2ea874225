import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startSystemProcess, type SystemProcess } from '../../support/system-process.ts';

// Crash safety of the delivery path: the whole system (notifier, consent dispatcher, token, auth-endpoint)
// runs as `npm start` does, in a child process that the test SIGKILLs while a notification is pending
// and then starts again on the same database and Redis. Every pending notification still arrives.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let system: SystemProcess;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;

beforeAll(async () => {
  prompts = await startPromptReceiver();
  endpoint = await startNotificationReceiver();
  system = await startSystemProcess({ NOTIFY_MAX_ATTEMPTS: '30', NOTIFY_BACKOFF_BASE_MS: '100', NOTIFY_BACKOFF_MAX_MS: '300', NOTIFY_TIMEOUT_MS: '1000' });
  const user = await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [{ type: 'webhook', url: prompts.url }] });
  expect(user.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await system?.dispose();
  await endpoint?.close();
  await prompts?.close();
}, 30_000);

/** A ping or push request, approved on the device, of a client whose endpoint answers `status` for now. */
async function approvedRequest(mode: 'ping' | 'push', name: string, status: number) {
  const as = await discover(system);
  endpoint.answer(`/${name}`, status);
  const c = await registerClient(system, { client_name: name, backchannel_token_delivery_mode: mode, backchannel_client_notification_endpoint: `${endpoint.base}/${name}` });
  const token = `cnt-${randomBytes(12).toString('base64url')}`;
  const response = await oauth.backchannelAuthenticationRequest(as, c.client, c.clientAuth, { scope: 'openid profile', login_hint: 'alice@example.com', client_notification_token: token }, insecure);
  const started = await oauth.processBackchannelAuthenticationResponse(as, c.client, response);
  expect((await decide((await prompts.next(20_000)).body, 'approve')).status).toBe(200);
  return { as, ...c, started, path: `/${name}` };
}

const notificationStatus = async (authReqId: string) => {
  return ((await (await adminCall(system, 'GET', `/admin/notifications?auth_req_id=${encodeURIComponent(authReqId)}`)).json()) as { status: string; attempt_count: number }).status;
};

describe('SIGKILL of the running system while a notification is pending', () => {
  it('ping: answered 500 before the kill, delivered after the restart; the client then gets its tokens', async () => {
    const r = await approvedRequest('ping', 'crash-ping', 500);
    await endpoint.waitForCalls(r.path, 2);
    expect(await notificationStatus(r.started.auth_req_id)).toBe('pending');

    await system.kill();
    const before = endpoint.calls(r.path).length;
    endpoint.answer(r.path, 200);
    await system.start();

    const calls = await endpoint.waitForCalls(r.path, before + 1, 30_000);
    expect(calls.every((n) => JSON.stringify(n.body) === JSON.stringify({ auth_req_id: r.started.auth_req_id }))).toBe(true);
    await sleep(500);
    expect(await notificationStatus(r.started.auth_req_id)).toBe('delivered');
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(
      r.as,
      r.client,
      await oauth.backchannelAuthenticationGrantRequest(r.as, r.client, r.clientAuth, r.started.auth_req_id, insecure),
    );
    expect(tokens.access_token).toEqual(expect.any(String));
  }, 60_000);

  it('push: killed mid-retry; after the restart exactly one token set is valid, the last one delivered', async () => {
    const r = await approvedRequest('push', 'crash-push', 500);
    await endpoint.waitForCalls(r.path, 2);

    await system.kill();
    endpoint.answer(r.path, 200);
    await system.start();

    await endpoint.waitForCalls(r.path, endpoint.calls(r.path).length + 1, 30_000);
    for (let i = 0; (await notificationStatus(r.started.auth_req_id)) !== 'delivered'; i++) {
      if (i > 50) throw new Error('push not delivered');
      await sleep(100);
    }
    const pushed = endpoint.calls(r.path).map((n) => n.body);
    const last = pushed[pushed.length - 1]!;
    expect(last).toMatchObject({ auth_req_id: r.started.auth_req_id, access_token: expect.any(String) });
    expect(new Set(pushed.map((b) => b.access_token)).size).toBe(pushed.length);

    const userinfo = async (accessToken: unknown) => (await oauth.userInfoRequest(r.as, r.client, String(accessToken), insecure)).status;
    expect(await userinfo(last.access_token)).toBe(200);
    for (const earlier of pushed.slice(0, -1)) expect(await userinfo(earlier.access_token)).toBe(401);
    const refresh = async (token: unknown) => (await oauth.refreshTokenGrantRequest(r.as, r.client, r.clientAuth, String(token), insecure)).status;
    for (const earlier of pushed.slice(0, -1)) expect(await refresh(earlier.refresh_token)).toBe(400);
  }, 60_000);
});
