import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startSystemProcess, type SystemProcess } from '../../support/system-process.ts';

// Crash safety when Redis dies: the system runs as `npm start` does, in a child process, on a
// redis-server of the test's own without persistence. The test SIGKILLs that redis-server while a
// notification is pending and starts it again EMPTY: the BullMQ jobs are gone, and the notifier's
// reconciler queues every pending notification again from PostgreSQL.
//
// Redis is killed only once the decision event has been consumed by the notifier (its
// client_notifications row exists): events still unconsumed in a Redis that restarts empty are the
// event bus' business (its outbox relay republishes after a broker reset), not this test's.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let system: SystemProcess;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;

beforeAll(async () => {
  prompts = await startPromptReceiver();
  endpoint = await startNotificationReceiver();
  system = await startSystemProcess({ LOG_LEVEL: 'info', NOTIFY_MAX_ATTEMPTS: '30', NOTIFY_BACKOFF_BASE_MS: '200', NOTIFY_BACKOFF_MAX_MS: '400', NOTIFY_TIMEOUT_MS: '1000' });
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

async function notification(authReqId: string): Promise<{ status: string } | undefined> {
  const res = await adminCall(system, 'GET', `/admin/notifications?auth_req_id=${encodeURIComponent(authReqId)}`);
  return res.status === 200 ? ((await res.json()) as { status: string }) : undefined;
}

async function waitForStatus(authReqId: string, status: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await notification(authReqId))?.status !== status) {
    if (Date.now() > deadline) throw new Error(`notification never became ${status}:\n${system.output()}`);
    await sleep(200);
  }
}

describe('SIGKILL of Redis while notifications are pending; Redis comes back empty', () => {
  it('ping and push: both delivered after Redis restarts empty (the reconciler re-queues from PostgreSQL); one valid push set', async () => {
    const ping = await approvedRequest('ping', 'redis-ping', 500);
    const push = await approvedRequest('push', 'redis-push', 500);
    // the notifier has consumed both decisions: their rows exist, pending, and the endpoints were called
    await endpoint.waitForCalls(ping.path, 1);
    await endpoint.waitForCalls(push.path, 1);
    await waitForStatus(ping.started.auth_req_id, 'pending', 1000);
    await waitForStatus(push.started.auth_req_id, 'pending', 1000);

    await system.redis.kill();
    await sleep(500);
    await system.redis.start();
    endpoint.answer(ping.path, 200);
    endpoint.answer(push.path, 200);

    await waitForStatus(ping.started.auth_req_id, 'delivered');
    await waitForStatus(push.started.auth_req_id, 'delivered');
    expect(system.output()).toContain('pending client notifications queued again');
    expect(endpoint.calls(ping.path).every((n) => JSON.stringify(n.body) === JSON.stringify({ auth_req_id: ping.started.auth_req_id }))).toBe(true);
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(
      ping.as,
      ping.client,
      await oauth.backchannelAuthenticationGrantRequest(ping.as, ping.client, ping.clientAuth, ping.started.auth_req_id, insecure),
    );
    expect(tokens.access_token).toEqual(expect.any(String));

    const pushed = endpoint.calls(push.path).map((n) => n.body);
    const userinfo = async (accessToken: unknown) => (await oauth.userInfoRequest(push.as, push.client, String(accessToken), insecure)).status;
    expect(await userinfo(pushed[pushed.length - 1]!.access_token)).toBe(200);
    for (const earlier of pushed.slice(0, -1)) expect(await userinfo(earlier.access_token)).toBe(401);
  }, 60_000);
});
