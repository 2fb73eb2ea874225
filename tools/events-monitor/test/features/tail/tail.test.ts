import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { adminCall, CIBA_GRANT, decide, discover, insecure } from '../../../../../services/all-in-one/test/support/ciba-fixture.ts';
import { buses } from '../../../../../services/all-in-one/test/support/buses.ts';
import { startNotificationReceiver } from '../../../../../services/all-in-one/test/support/notification-receiver.ts';
import { startPromptReceiver } from '../../../../../services/all-in-one/test/support/prompt-receiver.ts';
import { startMonitoredSystem, type MonitoredSystem } from '../../support/monitored-system.ts';
import { startTail, type MonitorProcess } from '../../support/monitor-process.ts';
import { monitorLeftovers } from '../../support/monitor-leftovers.ts';

// `events tail` as a child process against a real flow: the lifecycle lines of one request in order,
// the filters, and none of the flow's secrets or personal data in anything it prints.
let system: MonitoredSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;
let as: oauth.AuthorizationServer;

const USER_CODE = `uc-${randomBytes(6).toString('hex')}`;
const EMAIL = `alice.${randomBytes(4).toString('hex')}@example.com`;
const HINT = `hint-${randomBytes(6).toString('hex')}`;
const BINDING = `BIND${randomBytes(2).toString('hex').toUpperCase()}`;
const SUB = `alice-${randomBytes(4).toString('hex')}`;

/** A ping client asking for user codes; its secret is kept to check the monitor never prints it. */
async function pingClient(name: string) {
  const res = await adminCall(system, 'POST', '/register', {
    client_name: name,
    grant_types: [CIBA_GRANT, 'refresh_token'],
    scope: 'openid profile offline_access',
    backchannel_token_delivery_mode: 'ping',
    backchannel_client_notification_endpoint: `${endpoint.base}/${name}`,
    backchannel_user_code_parameter: true,
  });
  expect(res.status).toBe(201);
  const { client_id, client_secret } = (await res.json()) as { client_id: string; client_secret: string };
  return { client: { client_id }, clientAuth: oauth.ClientSecretBasic(client_secret), secret: client_secret, path: `/${name}` };
}

async function startRequest(c: { client: oauth.Client; clientAuth: oauth.ClientAuth }, token: string) {
  const params = { scope: 'openid profile', login_hint: HINT, user_code: USER_CODE, binding_message: BINDING, client_notification_token: token };
  const response = await oauth.backchannelAuthenticationRequest(as, c.client, c.clientAuth, params, insecure);
  return oauth.processBackchannelAuthenticationResponse(as, c.client, response);
}

async function requestIdOf(authReqId: string): Promise<string> {
  const view = (await (await adminCall(system, 'GET', `/admin/notifications?auth_req_id=${encodeURIComponent(authReqId)}`)).json()) as { request_id: string };
  return view.request_id;
}

describe.each(buses('events tail'))('events tail over $name', (bus) => {
  const tails: MonitorProcess[] = [];
  beforeAll(async () => {
    system = await startMonitoredSystem(bus.env);
    prompts = await startPromptReceiver();
    endpoint = await startNotificationReceiver();
    const user = await adminCall(system, 'PUT', `/admin/users/${SUB}`, { login_hints: [HINT, EMAIL], user_code: USER_CODE, claims: { name: 'Alice', email: EMAIL }, channels: [{ type: 'webhook', url: prompts.url }] });
    expect(user.status).toBe(200);
    as = await discover(system);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(tails.map((t) => t.stop()));
    await endpoint?.close();
    await prompts?.close();
    await system?.dispose();
  });

  it('prints each stage of a ping flow once, in order, by internal request id; the filters pick lines; no secret is printed; nothing is left behind', async () => {
    const all = await startTail(['--json'], system.monitorEnv);
    tails.push(all);
    const a = await pingClient('tail-a');
    const b = await pingClient('tail-b');
    const decidedOfA = await startTail([`--client=${a.client.client_id}`, '--state', 'decided'], system.monitorEnv);
    const ofUser = await startTail(['--user', SUB, '--state', 'requested'], system.monitorEnv);
    tails.push(decidedOfA, ofUser);

    const json = (line: string) => JSON.parse(line) as Record<string, unknown>;
    // The device answers once the dispatcher has recorded the delivery, so the order below is the only one.
    const delivered = async (clientId: string) => {
      const requested = json(await all.waitForLine((l) => json(l).state === 'requested' && json(l).client_id === clientId, 20_000, 'the requested line'));
      await all.waitForLine((l) => json(l).request_id === requested.request_id && json(l).state === 'delivered', 20_000, 'the delivered line');
      return requested.request_id as string;
    };
    const tokenA = `cnt-${randomBytes(12).toString('base64url')}`;
    const startedA = await startRequest(a, tokenA);
    const requestA = await delivered(a.client.client_id);
    const promptA = (await prompts.next()).body;
    expect((await decide(promptA, 'approve')).status).toBe(200);
    await endpoint.waitForCalls(a.path);
    expect(await requestIdOf(startedA.auth_req_id)).toBe(requestA);
    await all.waitForLine((l) => json(l).request_id === requestA && json(l).state === 'notified', 20_000, 'the notified line');
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(as, a.client, await oauth.backchannelAuthenticationGrantRequest(as, a.client, a.clientAuth, startedA.auth_req_id, insecure));
    await all.waitForLine((l) => json(l).request_id === requestA && json(l).state === 'redeemed', 20_000, 'the redeemed line');

    const startedB = await startRequest(b, `cnt-${randomBytes(12).toString('base64url')}`);
    const requestB = await delivered(b.client.client_id);
    expect((await decide((await prompts.next()).body, 'deny')).status).toBe(200);
    await endpoint.waitForCalls(b.path);
    await all.waitForLine((l) => json(l).request_id === requestB && json(l).state === 'notified', 20_000, 'B notified');

    const linesA = all.lines().map(json).filter((l) => l.request_id === requestA);
    expect(linesA.map((l) => l.state)).toEqual(['requested', 'prompted', 'offer_delivered', 'delivered', 'approved', 'notified', 'redeemed']);
    expect(linesA[0]).toMatchObject({ client_id: a.client.client_id, delivery_mode: 'ping', type: 'ciba.auth_request.created.v1', topic: 'ciba.auth-requests', elapsed_ms: 0 });
    expect(linesA[1]).toMatchObject({ channel: 'webhook', channel_index: 0, round: 1 });
    expect(linesA[5]).toMatchObject({ mode: 'ping', outcome: 'approved', attempts: 1, last_status: 200 });
    const elapsed = linesA.map((l) => l.elapsed_ms as number);
    expect(elapsed).toEqual([...elapsed].sort((x, y) => x - y));
    expect(all.lines().map(json).filter((l) => l.request_id === requestB).map((l) => l.state)).toEqual(['requested', 'prompted', 'offer_delivered', 'delivered', 'denied', 'notified']);

    // --client A --state decided: A's approval only; --user: both requests' first line.
    await decidedOfA.waitForLine((l) => l.includes(requestA));
    await ofUser.waitForLine((l) => l.includes(requestB));
    expect(decidedOfA.lines()).toHaveLength(1);
    expect(decidedOfA.lines()[0]).toMatch(new RegExp(`^\\S+Z ${requestA} +\\+\\d+\\.\\d{3}s approved +client_id=${a.client.client_id}$`));
    expect(ofUser.lines().map((l) => l.split(' ')[1])).toEqual([requestA, requestB]);

    for (const t of tails) expect(await t.stop()).toBe(0);
    const printed = tails.map((t) => t.stdout() + t.stderr()).join('\n');
    const secrets = [
      startedA.auth_req_id, startedB.auth_req_id, tokens.access_token, tokens.refresh_token!, tokens.id_token!, tokenA,
      String(promptA.decision_token), USER_CODE, HINT, EMAIL, BINDING, SUB, 'Alice',
      a.secret, b.secret, system.adminToken,
    ].filter((s): s is string => typeof s === 'string' && s.length > 0);
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(await monitorLeftovers(system.monitorEnv)).toEqual([]);
  }, 120_000);
});
