import * as oauth from 'oauth4webapi';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';

// Prompt-bombing protection end to end, at its production defaults (5 prompts per user per 10 minutes,
// no second prompt from a client while its request is undecided): the device's decision travels through the
// event bus to the auth-endpoint, which lets the client prompt again.
let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let as: oauth.AuthorizationServer;

beforeAll(async () => {
  // Production's defaults, set explicitly: outside production these two rules are off unless set.
  system = await startTestSystem({ BC_USER_PROMPT_LIMIT: '5', BC_DUPLICATE_PROMPT_WINDOW_S: '60' });
  prompts = await startPromptReceiver();
  const user = await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [{ type: 'webhook', url: prompts.url }] });
  expect(user.status).toBe(200);
  as = await discover(system);
}, 60_000);

afterAll(async () => {
  await prompts?.close();
  await system?.dispose();
});

type Rp = Awaited<ReturnType<typeof registerClient>>;
const pollClient = (name: string) => registerClient(system, { client_name: name, backchannel_token_delivery_mode: 'poll' });
const ask = (rp: Rp) => oauth.backchannelAuthenticationRequest(as, rp.client, rp.clientAuth, { scope: 'openid', login_hint: 'alice@example.com' }, insecure);

async function expectRefused(res: Response, description: string) {
  expect({ status: res.status, body: await res.json() }).toEqual({ status: 403, body: { error: 'access_denied', error_description: description } });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('prompt limits at their defaults, end to end', () => {
  it('no second prompt while one is undecided; the decision lets the client prompt again; the sixth prompt of the user is refused', async () => {
    const rp = await pollClient('Counter 1');
    const first = await oauth.processBackchannelAuthenticationResponse(as, rp.client, await ask(rp));
    expect(first.auth_req_id).toEqual(expect.any(String));
    const prompt = await prompts.next(20_000);
    await expectRefused(await ask(rp), 'a request of this client is already pending for this user');

    expect((await decide(prompt.body, 'deny')).status).toBe(200);
    // the denial reaches the auth-endpoint through the bus; until then the client is refused as above
    let again: Response;
    for (let i = 0; ; i++) {
      again = await ask(rp);
      if (again.status !== 403 || i > 200) break;
      await again.body?.cancel();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(again.status).toBe(200); // alice's second prompt

    for (const name of ['Counter 2', 'Counter 3', 'Counter 4']) expect((await ask(await pollClient(name))).status).toBe(200);
    await expectRefused(await ask(await pollClient('Counter 5')), 'too many authentication requests for this user, try again later');
  }, 60_000);
});
