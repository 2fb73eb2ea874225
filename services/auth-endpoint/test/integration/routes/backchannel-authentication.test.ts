import { createHash } from 'node:crypto';
import { authRequestCreatedV1, CIBA_GRANT_TYPE, TOPICS } from '@ciba/contracts';
import { backchannelAuthenticationResponse } from '@ciba/contracts/api/backchannel-authentication';
import { startTestService, type TestService } from '../../support/start-test-service.ts';
import { TEST_ISSUER } from '../../support/test-directory.ts';

const basic = (id: string) => `Basic ${Buffer.from(`${id}:secret-of-${id}`).toString('base64')}`;
const sha256 = (v: string) => createHash('sha256').update(v).digest('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('POST /bc-authorize', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
    const d = t.directory;
    d.addClient('poller', { scope: 'openid profile email' });
    d.addClient('pinger', { backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'https://rp.example/cb' });
    d.addClient('pusher', { backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'https://rp.example/cb' });
    d.addClient('no-ciba', { grant_types: ['authorization_code'] });
    d.addClient('signer', { backchannel_authentication_request_signing_alg: 'ES256' });
    d.addClient('uc', { backchannel_user_code_parameter: true });
    d.addUser('alice', { hints: ['alice@example.com', '+15550100'] });
    d.addUser('carol', { hints: ['carol@example.com'], userCode: 'qz-carol-7' });
  });
  afterAll(() => t.dispose());

  const post = (form: Record<string, string>, client: string | null = 'poller', headers: Record<string, string> = {}) =>
    fetch(`${t.url}/bc-authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(client ? { authorization: basic(client) } : {}), ...headers },
      body: new URLSearchParams(form).toString(),
    });

  const expectError = async (res: Response, status: number, error: string, description: string) => {
    expect({ status: res.status, body: await res.json() }).toEqual({ status, body: { error, error_description: description } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  };

  const signedRequest = (claims: Record<string, unknown> = {}) =>
    t.directory.signAsClient({ iss: 'signer', aud: TEST_ISSUER, exp: nowSeconds() + 300, iat: nowSeconds(), nbf: nowSeconds(), jti: `jti-${Math.random()}`, scope: 'openid', login_hint: 'alice@example.com', ...claims });

  describe('success', () => {
    it('answers 200 { auth_req_id, expires_in, interval } with Cache-Control: no-store', async () => {
      const res = await post({ scope: 'openid email', login_hint: 'alice@example.com', binding_message: 'W4SP', acr_values: 'urn:acr:loa2 loa3' });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.json();
      expect(backchannelAuthenticationResponse.strict().parse(body)).toEqual({ auth_req_id: expect.any(String), expires_in: 600, interval: 5 });
    });

    it('auth_req_id: 256 random bits, base64url, never repeated', async () => {
      const ids = await Promise.all(
        Array.from({ length: 12 }, async () => ((await (await post({ scope: 'openid', login_hint: 'alice@example.com' })).json()) as { auth_req_id: string }).auth_req_id),
      );
      for (const id of ids) {
        expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(id, 'base64url')).toHaveLength(32);
      }
      expect(new Set(ids).size).toBe(ids.length);
      const bits = new Set(ids.flatMap((id) => [...Buffer.from(id, 'base64url')].map((b, i) => `${i}:${b}`)));
      expect(bits.size).toBeGreaterThan(300);
    });

    it('stores the request by the SHA-256 of auth_req_id and writes the created event to the outbox in the same transaction', async () => {
      const res = await post({ scope: 'openid email phone', login_hint: '+15550100', binding_message: 'Pay 12 €', acr_values: 'loa2', requested_expiry: '120' });
      const { auth_req_id } = (await res.json()) as { auth_req_id: string };
      const { rows } = await t.db.query(`SELECT * FROM "${t.schema}".auth_requests WHERE auth_req_id_hash = $1`, [sha256(auth_req_id)]);
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(row).toMatchObject({
        client_id: 'poller',
        sub: 'alice',
        scope: 'openid email',
        acr_values: 'loa2',
        binding_message: 'Pay 12 €',
        delivery_mode: 'poll',
        interval: 5,
        requested_expiry: 120,
        client_notification_token: null,
      });
      expect(row.expires_at.getTime() - row.requested_at.getTime()).toBe(120_000);
      expect(JSON.stringify(row)).not.toContain(auth_req_id);

      const outbox = await t.db.query(`SELECT * FROM "${t.schema}".outbox_events WHERE key = $1`, [row.request_id]);
      expect(outbox.rows).toHaveLength(1);
      expect(outbox.rows[0].topic).toBe(TOPICS.authRequests);
      const event = authRequestCreatedV1.parse(outbox.rows[0].envelope);
      expect(event.id).toBe(outbox.rows[0].id);
      expect(event.subject).toBe(row.request_id);
      expect(event.data).toEqual({
        request_id: row.request_id,
        auth_req_id_hash: sha256(auth_req_id),
        client_id: 'poller',
        sub: 'alice',
        scope: 'openid email',
        acr_values: 'loa2',
        binding_message: 'Pay 12 €',
        delivery_mode: 'poll',
        interval: 5,
        expires_at: row.expires_at.toISOString(),
        requested_at: row.requested_at.toISOString(),
      });
      expect(JSON.stringify(outbox.rows[0].envelope)).not.toContain(auth_req_id);
    });

    it('the outbox relay publishes the created event to ciba.auth-requests', async () => {
      const res = await post({ scope: 'openid', login_hint: 'alice@example.com' });
      const { auth_req_id } = (await res.json()) as { auth_req_id: string };
      const deadline = Date.now() + 10_000;
      const find = () => t.bus.published.find((m) => m.topic === TOPICS.authRequests && (m.event.data as { auth_req_id_hash?: string }).auth_req_id_hash === sha256(auth_req_id));
      while (!find() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(find()).toMatchObject({ topic: TOPICS.authRequests, event: { type: 'ciba.auth_request.created.v1' } });
    });

    it('client_secret_post works as well as client_secret_basic', async () => {
      const res = await post({ client_id: 'poller', client_secret: 'secret-of-poller', scope: 'openid', login_hint: 'alice@example.com' }, null);
      expect(res.status).toBe(200);
    });

    it('ping: keeps client_notification_token and announces interval', async () => {
      const res = await post({ scope: 'openid', login_hint: 'alice@example.com', client_notification_token: 'cnt-8f14e45fceea167a' }, 'pinger');
      const body = (await res.json()) as { auth_req_id: string; interval?: number };
      expect(res.status).toBe(200);
      expect(body.interval).toBe(5);
      const { rows } = await t.db.query(`SELECT client_notification_token, delivery_mode FROM "${t.schema}".auth_requests WHERE auth_req_id_hash = $1`, [sha256(body.auth_req_id)]);
      expect(rows[0]).toEqual({ client_notification_token: 'cnt-8f14e45fceea167a', delivery_mode: 'ping' });
    });

    it('push: answers without interval', async () => {
      const res = await post({ scope: 'openid', login_hint: 'alice@example.com', client_notification_token: 'cnt-push' }, 'pusher');
      expect(res.status).toBe(200);
      expect(Object.keys((await res.json()) as object).sort()).toEqual(['auth_req_id', 'expires_in']);
    });

    it('poll: ignores a client_notification_token', async () => {
      const res = await post({ scope: 'openid', login_hint: 'alice@example.com', client_notification_token: 'x y z' });
      const { auth_req_id } = (await res.json()) as { auth_req_id: string };
      const { rows } = await t.db.query(`SELECT client_notification_token FROM "${t.schema}".auth_requests WHERE auth_req_id_hash = $1`, [sha256(auth_req_id)]);
      expect(rows[0].client_notification_token).toBeNull();
    });

    it('id_token_hint: an ID token we issued to the client, even expired', async () => {
      const hint = await t.directory.signAsServer({ iss: TEST_ISSUER, sub: 'alice', aud: 'poller', iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 });
      const res = await post({ scope: 'openid', id_token_hint: hint });
      expect(res.status).toBe(200);
    });

    it('login_hint_token: a client-signed JWT with an RFC 9493 sub_id', async () => {
      const token = await t.directory.signAsClient({ sub_id: { format: 'email', email: 'alice@example.com' }, exp: nowSeconds() + 60 });
      const res = await post({ scope: 'openid', login_hint_token: token });
      expect(res.status).toBe(200);
    });

    it('request: a signed authentication request, requested_expiry as a number', async () => {
      const res = await post({ request: await signedRequest({ requested_expiry: 300, binding_message: 'ABCD' }) }, 'signer');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { expires_in: number }).expires_in).toBe(300);
    });

    it('user_code: the right code is accepted', async () => {
      const res = await post({ scope: 'openid', login_hint: 'carol@example.com', user_code: 'qz-carol-7' }, 'uc');
      expect(res.status).toBe(200);
    });
  });

  describe('errors (CIBA Core §13)', () => {
    it.each(['GET', 'PUT', 'DELETE'])('%s answers 405 invalid_request', async (method) => {
      const res = await fetch(`${t.url}/bc-authorize`, { method });
      expect(res.headers.get('allow')).toBe('POST');
      await expectError(res, 405, 'invalid_request', 'use POST for the backchannel authentication endpoint');
    });

    it('a JSON body answers invalid_request', async () => {
      const res = await fetch(`${t.url}/bc-authorize`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic('poller') }, body: '{"scope":"openid"}' });
      await expectError(res, 400, 'invalid_request', 'content type must be application/x-www-form-urlencoded');
    });

    it('a repeated parameter answers invalid_request', async () => {
      const res = await fetch(`${t.url}/bc-authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('poller') },
        body: 'scope=openid&login_hint=a&login_hint=b',
      });
      await expectError(res, 400, 'invalid_request', 'parameter login_hint is repeated');
    });

    it('bad UTF-8 answers invalid_request', async () => {
      const res = await fetch(`${t.url}/bc-authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('poller') },
        body: Buffer.concat([Buffer.from('scope=openid&login_hint='), Buffer.from([0xc3, 0x28])]),
      });
      await expectError(res, 400, 'invalid_request', 'request body is not valid UTF-8');
    });

    it('a huge body answers 413', async () => {
      const res = await post({ scope: 'openid', login_hint: 'x'.repeat(70_000) });
      await expectError(res, 413, 'invalid_request', 'request body exceeds 65536 bytes');
    });

    it('no client authentication answers 401 invalid_client with a challenge', async () => {
      const res = await post({ scope: 'openid', login_hint: 'alice@example.com' }, null);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="ciba"');
      await expectError(res, 401, 'invalid_client', 'client authentication failed');
    });

    it('a wrong secret answers 401 invalid_client', async () => {
      const res = await post({ scope: 'openid', login_hint: 'alice@example.com' }, null, { authorization: `Basic ${Buffer.from('poller:nope').toString('base64')}` });
      await expectError(res, 401, 'invalid_client', 'client authentication failed');
    });

    it('a client without the CIBA grant answers unauthorized_client', async () => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com' }, 'no-ciba'), 400, 'unauthorized_client', `client is not registered for the ${CIBA_GRANT_TYPE} grant type`);
    });

    it('scope: missing answers invalid_request', async () => {
      await expectError(await post({ login_hint: 'alice@example.com' }), 400, 'invalid_request', 'missing required parameter scope');
    });

    it('scope: without openid answers invalid_scope', async () => {
      await expectError(await post({ scope: 'profile email', login_hint: 'alice@example.com' }), 400, 'invalid_scope', 'scope must contain openid');
    });

    it('hints: none answers invalid_request', async () => {
      await expectError(await post({ scope: 'openid' }), 400, 'invalid_request', 'one of login_hint_token, id_token_hint or login_hint is required');
    });

    it('hints: several answer invalid_request', async () => {
      const hint = await t.directory.signAsServer({ iss: TEST_ISSUER, sub: 'alice', aud: 'poller' });
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com', id_token_hint: hint }), 400, 'invalid_request', 'only one of login_hint_token, id_token_hint and login_hint may be sent');
    });

    it('binding_message: too long answers invalid_binding_message', async () => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com', binding_message: 'x'.repeat(65) }), 400, 'invalid_binding_message', 'binding_message must be at most 64 characters');
    });

    it.each(['two\nlines', 'nul\u0000', 'bidi\u202e'])('binding_message: %j answers invalid_binding_message', async (message) => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com', binding_message: message }), 400, 'invalid_binding_message', 'binding_message must contain only printable characters');
    });

    it('binding_message: percent-encoded bad UTF-8 answers invalid_binding_message', async () => {
      const res = await fetch(`${t.url}/bc-authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('poller') },
        body: 'scope=openid&login_hint=alice%40example.com&binding_message=%FF%FE',
      });
      await expectError(res, 400, 'invalid_binding_message', 'binding_message must contain only printable characters');
    });

    it.each(['abc', '0', '-5', '1.5'])('requested_expiry: %j answers invalid_request', async (value) => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com', requested_expiry: value }), 400, 'invalid_request', 'requested_expiry must be a positive integer');
    });

    it.each(['5', '3601'])('requested_expiry: %j out of bounds answers invalid_request', async (value) => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com', requested_expiry: value }), 400, 'invalid_request', 'requested_expiry must be between 10 and 3600 seconds');
    });

    it.each([['pinger', 'ping'], ['pusher', 'push']])('%s: client_notification_token missing answers invalid_request', async (client, mode) => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com' }, client), 400, 'invalid_request', `client_notification_token is required in ${mode} mode`);
    });

    it('ping: client_notification_token over 1024 characters answers invalid_request', async () => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com', client_notification_token: 'a'.repeat(1025) }, 'pinger'), 400, 'invalid_request', 'client_notification_token must be at most 1024 characters');
    });

    it('login_hint: unknown answers unknown_user_id', async () => {
      await expectError(await post({ scope: 'openid', login_hint: 'nobody@example.com' }), 400, 'unknown_user_id', 'login_hint does not identify a known user');
    });

    it('id_token_hint: not ours answers invalid_request', async () => {
      await expectError(await post({ scope: 'openid', id_token_hint: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln' }), 400, 'invalid_request', 'id_token_hint is not a valid ID token issued by this server');
    });

    it('id_token_hint: an unknown sub answers unknown_user_id', async () => {
      const hint = await t.directory.signAsServer({ iss: TEST_ISSUER, sub: 'deleted-user', aud: 'poller', exp: Math.floor(Date.now() / 1000) + 600 });
      await expectError(await post({ scope: 'openid', id_token_hint: hint }), 400, 'unknown_user_id', 'id_token_hint does not identify a known user');
    });

    it('login_hint_token: expired answers expired_login_hint_token', async () => {
      const token = await t.directory.signAsClient({ sub_id: { format: 'email', email: 'alice@example.com' }, exp: nowSeconds() - 10 });
      await expectError(await post({ scope: 'openid', login_hint_token: token }), 400, 'expired_login_hint_token', 'login_hint_token has expired');
    });

    it('login_hint_token: not a client-signed JWT answers invalid_request', async () => {
      await expectError(await post({ scope: 'openid', login_hint_token: 'alice@example.com' }), 400, 'invalid_request', 'login_hint_token is not a JWT signed by the client');
    });

    it('login_hint_token: an unknown subject answers unknown_user_id', async () => {
      const token = await t.directory.signAsClient({ sub_id: { format: 'phone_number', phone_number: '+10000000000' } });
      await expectError(await post({ scope: 'openid', login_hint_token: token }), 400, 'unknown_user_id', 'login_hint_token does not identify a known user');
    });

    it('user_code: missing answers missing_user_code', async () => {
      await expectError(await post({ scope: 'openid', login_hint: 'carol@example.com' }, 'uc'), 400, 'missing_user_code', 'user_code is required');
    });

    it('user_code: wrong answers invalid_user_code', async () => {
      await expectError(await post({ scope: 'openid', login_hint: 'carol@example.com', user_code: '0000' }, 'uc'), 400, 'invalid_user_code', 'user_code is invalid');
    });

    it('request: a client that registered a signing alg answers invalid_request when it sends a plain form', async () => {
      await expectError(await post({ scope: 'openid', login_hint: 'alice@example.com' }, 'signer'), 400, 'invalid_request', 'this client must send a signed authentication request (request)');
    });

    it('request: a parameter beside it answers invalid_request', async () => {
      await expectError(await post({ request: await signedRequest(), binding_message: 'X' }, 'signer'), 400, 'invalid_request', 'parameter binding_message must be sent inside the signed request, not beside it');
    });

    it('request: a bad signature answers invalid_request', async () => {
      const request = await signedRequest();
      const [h, p] = request.split('.');
      await expectError(await post({ request: `${h}.${p}.AAAA` }, 'signer'), 400, 'invalid_request', 'request is not a JWT signed by the client with its registered algorithm');
    });

    it('request: an expired one answers invalid_request', async () => {
      await expectError(await post({ request: await signedRequest({ exp: nowSeconds() - 5, iat: nowSeconds() - 100 }) }, 'signer'), 400, 'invalid_request', 'request has expired');
    });

    it('request: a reused jti answers invalid_request', async () => {
      const request = await signedRequest({ jti: 'replayed-jti' });
      expect((await post({ request }, 'signer')).status).toBe(200);
      await expectError(await post({ request }, 'signer'), 400, 'invalid_request', 'request jti has already been used');
    });

    it('never answers 500 to odd input', async () => {
      const odd: Array<Record<string, string>> = [
        { scope: 'openid', login_hint: '\u0000' },
        { scope: 'openid', id_token_hint: 'a.b.c' },
        { scope: 'openid', login_hint_token: 'a.b.c' },
        { scope: 'openid', login_hint: 'alice@example.com', requested_expiry: '99999999999999999999999999' },
        { scope: 'openid', login_hint: 'alice@example.com', acr_values: 'x'.repeat(5000) },
        { scope: 'openid '.repeat(2000), login_hint: 'alice@example.com' },
      ];
      for (const form of odd) expect((await post(form)).status).toBeLessThan(500);
      expect((await post({ scope: 'openid', login_hint: 'x', request: 'y' }, null)).status).toBe(401);
    });
  });

  it('never logs hints, tokens, codes or binding messages', () => {
    const logs = t.logs.join('\n');
    expect(logs).toContain('backchannel authentication request accepted');
    for (const secret of ['alice@example.com', '+15550100', 'carol@example.com', 'cnt-8f14e45fceea167a', 'W4SP', 'Pay 12', 'qz-carol-7', 'secret-of-']) {
      expect(logs).not.toContain(secret);
    }
  });
});
