import * as oauth from 'oauth4webapi';
import { buses } from '../../support/buses.ts';
import { adminCall, decide, discover, insecure, pollForTokens } from '../../support/ciba-fixture.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';

// The audit trail end to end: an operator's changes and a request's whole life, recorded from the
// event streams by the audit service, found by user, client and request, with no secret in it.
interface AuditRecord {
  action: string;
  actor: string;
  category: string;
  request_id: string | null;
  client_id: string | null;
  sub: string | null;
  address: string | null;
  correlation_id: string;
}

describe.each(buses('audit trail'))('audit trail over $name', (bus) => {
  let system: TestSystem;
  let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;

  beforeAll(async () => {
    system = await startTestSystem({ ...bus.env, CIBA_DEFAULT_INTERVAL: '1' });
    receiver = await startPromptReceiver();
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await system?.dispose();
  });

  const trail = async (query: string) => {
    const res = await adminCall(system, 'GET', `/admin/audit?${query}`);
    expect(res.status).toBe(200);
    return { text: await res.clone().text(), body: (await res.json()) as { records: AuditRecord[]; next_cursor: string | null } };
  };
  const until = async (query: string, done: (records: AuditRecord[]) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const { body, text } = await trail(query);
      if (done(body.records)) return { records: body.records, text };
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`audit trail for ${query} never completed`);
  };

  it("records an operator's changes and a request's life, found by user, client and request; no secret in it", async () => {
    const registration = await adminCall(system, 'POST', '/register', { client_name: 'Audited RP', scope: 'openid profile offline_access' });
    const registered = (await registration.json()) as { client_id: string; client_secret: string };
    const client: oauth.Client = { client_id: registered.client_id };
    const clientAuth = oauth.ClientSecretBasic(registered.client_secret);
    const user = await fetch(`${system.url}/admin/users/frank`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json', 'x-request-id': 'change-ticket-1234' },
      body: JSON.stringify({ login_hints: ['frank@example.com'], user_code: '9753', claims: { name: 'Frank' }, channels: [{ type: 'webhook', url: receiver.url }] }),
    });
    expect(user.status).toBe(200);

    const as = await discover(system);
    const started = await oauth.processBackchannelAuthenticationResponse(
      as,
      client,
      await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { scope: 'openid', login_hint: 'frank@example.com', binding_message: 'AUD1T' }, insecure),
    );
    const prompt = (await receiver.next()).body;
    expect((await decide(prompt, 'approve')).status).toBe(200);
    const tokens = await pollForTokens({ as, client, clientAuth }, started.auth_req_id, 0.25, { tolerateSlowDown: true });
    expect(tokens.access_token).toBeDefined();
    expect((await adminCall(system, 'DELETE', '/admin/users/frank')).status).toBe(204);

    const expected = ['user.stored', 'ciba.auth_request.created.v1', 'ciba.consent_prompt.delivered.v1', 'ciba.consent.granted.v1', 'ciba.tokens.issued.v1', 'user.deleted'];
    const { records, text } = await until('sub=frank', (found) => expected.every((action) => found.some((r) => r.action === action)));
    const requestId = records.find((r) => r.action === 'ciba.auth_request.created.v1')!.request_id!;
    expect(records.find((r) => r.action === 'user.stored')).toMatchObject({ category: 'admin', actor: 'operator:admin-token', correlation_id: 'change-ticket-1234', address: expect.stringMatching(/127\.0\.0\.1/) });
    expect(records.find((r) => r.action === 'ciba.auth_request.created.v1')).toMatchObject({ actor: `client:${client.client_id}`, sub: 'frank', correlation_id: requestId });
    expect(records.find((r) => r.action === 'ciba.consent.granted.v1')).toMatchObject({ actor: 'user:frank', request_id: requestId });
    for (const secret of [registered.client_secret, started.auth_req_id, tokens.access_token, tokens.id_token!, String(prompt.decision_token), '9753', 'frank@example.com', 'AUD1T']) {
      expect(text).not.toContain(secret);
    }

    const byClient = await until(`client_id=${encodeURIComponent(client.client_id)}`, (found) => found.some((r) => r.action === 'client.registered'));
    expect(byClient.records.map((r) => r.action)).toEqual(expect.arrayContaining(['client.registered', 'ciba.auth_request.created.v1', 'ciba.tokens.issued.v1']));
    const byRequest = await trail(`request_id=${requestId}`);
    expect(byRequest.body.records.every((r) => r.request_id === requestId)).toBe(true);
  }, 90_000);

  it('refuses a query without a filter, with a bad one, or without the admin token', async () => {
    expect((await adminCall(system, 'GET', '/admin/audit')).status).toBe(400);
    expect((await adminCall(system, 'GET', '/admin/audit?request_id=not-a-uuid')).status).toBe(400);
    expect((await adminCall(system, 'GET', '/admin/audit?sub=a&sub=b')).status).toBe(400);
    expect((await adminCall(system, 'GET', '/admin/audit?sub=%00')).status).toBe(400);
    expect((await fetch(`${system.url}/admin/audit?sub=frank`)).status).toBe(401);
  });
});
