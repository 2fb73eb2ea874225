import { kafkaAvailable, startPrivateKafka, type PrivateKafka } from '@ciba/test-support';
import * as oauth from 'oauth4webapi';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startSystemProcess, type SystemProcess } from '../../support/system-process.ts';

// The whole system (`npm start`) over a Kafka broker of this file's own, which the test stops while
// requests keep coming: bc-authorize still accepts them (the transactional outbox holds their events),
// and once the broker is back (same data) every one is prompted, decided and redeemed exactly once, the
// ping client's after its ping. The relays' producer and every consumer group (token's projection, the
// consent dispatcher's prompts, the notifier's decisions) find the broker again by themselves.
const suite = 'kafka faults: broker stopped';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WHILE_DOWN = 6;

let kafka: PrivateKafka;
let system: SystemProcess;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let pings: Awaited<ReturnType<typeof startNotificationReceiver>>;

const run = kafkaAvailable(suite) ? describe : describe.skip;

beforeAll(async () => {
  if (!kafkaAvailable(suite)) return;
  kafka = await startPrivateKafka();
  prompts = await startPromptReceiver();
  pings = await startNotificationReceiver();
  // A consumer that crashed with the broker rejoins as a new member once the broker is back; its
  // partitions wait until the broker drops the old member, one session timeout later.
  system = await startSystemProcess({ KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_SESSION_TIMEOUT_MS: '6000' });
  const user = await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [{ type: 'webhook', url: prompts.url }] });
  expect(user.status).toBe(200);
}, 240_000);

afterAll(async () => {
  await system?.dispose();
  await prompts?.close();
  await pings?.close();
  await kafka?.dispose();
}, 60_000);

type Client = Awaited<ReturnType<typeof registerClient>> & { as: oauth.AuthorizationServer; mode: 'poll' | 'ping' };

async function bcAuthorize(c: Client, bindingMessage: string): Promise<string> {
  const ping: Record<string, string> = c.mode === 'ping' ? { client_notification_token: `cnt-${bindingMessage}-0123456789` } : {};
  const response = await oauth.backchannelAuthenticationRequest(c.as, c.client, c.clientAuth, { scope: 'openid profile', login_hint: 'alice@example.com', binding_message: bindingMessage, ...ping }, insecure);
  return (await oauth.processBackchannelAuthenticationResponse(c.as, c.client, response)).auth_req_id;
}

/** Polls at the announced interval until the tokens come (or an error other than authorization_pending). */
async function redeem(c: Client, authReqId: string): Promise<oauth.TokenEndpointResponse> {
  for (let i = 0; ; i++) {
    await sleep(1100);
    const response = await oauth.backchannelAuthenticationGrantRequest(c.as, c.client, c.clientAuth, authReqId, insecure);
    try {
      return await oauth.processBackchannelAuthenticationGrantResponse(c.as, c.client, response);
    } catch (err) {
      if (!(err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending') || i > 60) throw err;
    }
  }
}

/** A second redemption of the same auth_req_id: the error it answers. */
async function redeemAgain(c: Client, authReqId: string): Promise<unknown> {
  const response = await oauth.backchannelAuthenticationGrantRequest(c.as, c.client, c.clientAuth, authReqId, insecure);
  return oauth.processBackchannelAuthenticationGrantResponse(c.as, c.client, response).then(
    () => 'tokens issued twice',
    (err: unknown) => err,
  );
}

run(suite, () => {
  it('accepts requests while the broker is down; after it is back each is prompted, decided, pinged (ping client) and redeemed exactly once', async () => {
    const as = await discover(system);
    const c: Client = { ...(await registerClient(system, { client_name: 'Kiosk', backchannel_token_delivery_mode: 'poll' })), as, mode: 'poll' };
    const pinged: Client = {
      ...(await registerClient(system, { client_name: 'Till', backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: `${pings.base}/ping` })),
      as,
      mode: 'ping',
    };

    // One flow with the broker up: the topics and every consumer group exist before the outage.
    const first = await bcAuthorize(c, 'UP0');
    expect((await decide((await prompts.next(60_000)).body, 'approve')).status).toBe(200);
    expect((await redeem(c, first)).access_token).toEqual(expect.any(String));

    await kafka.stop();
    const accepted: Array<{ client: Client; authReqId: string; bindingMessage: string }> = [];
    for (let i = 1; i <= WHILE_DOWN; i++) {
      const client = i % 2 === 0 ? pinged : c;
      accepted.push({ client, authReqId: await bcAuthorize(client, `DOWN${i}`), bindingMessage: `DOWN${i}` });
    }
    expect(prompts.prompts).toHaveLength(1);
    await kafka.start();

    const promptOf = new Map<string, Record<string, unknown>>();
    while (promptOf.size < WHILE_DOWN) {
      const prompt = (await prompts.next(120_000)).body;
      promptOf.set(prompt.binding_message as string, prompt);
    }
    expect([...promptOf.keys()].sort()).toEqual(accepted.map((a) => a.bindingMessage).sort());
    for (const prompt of promptOf.values()) expect((await decide(prompt, 'approve')).status).toBe(200);

    const pingedIds = accepted.filter((a) => a.client === pinged).map((a) => a.authReqId);
    const received = await pings.waitForCalls('/ping', pingedIds.length, 120_000);
    expect(new Set(received.map((n) => n.body.auth_req_id))).toEqual(new Set(pingedIds));
    const tokens = await Promise.all(accepted.map((a) => redeem(a.client, a.authReqId)));
    for (const t of tokens) expect(t).toMatchObject({ access_token: expect.any(String), id_token: expect.any(String) });
    expect(new Set(tokens.map((t) => t.access_token)).size).toBe(WHILE_DOWN);
    for (const a of accepted) await expect(redeemAgain(a.client, a.authReqId)).resolves.toMatchObject({ status: 400, error: 'invalid_grant' });
    // Every request had one prompt: repeats (if any) carry a prompt_id already seen for its request.
    const promptIds = new Map<string, Set<unknown>>();
    for (const p of prompts.prompts) promptIds.set(p.body.binding_message as string, (promptIds.get(p.body.binding_message as string) ?? new Set()).add(p.body.prompt_id));
    for (const ids of promptIds.values()) expect(ids.size).toBe(1);
  }, 300_000);
});
