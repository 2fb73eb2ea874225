import { decodeJwt, decodeProtectedHeader } from 'jose';
import { sha256 } from '@ciba/service-kit';
import { startGrantsHarness, GRANTS_ISSUER, type GrantsHarness } from '../../../support/grants-harness.ts';

const CIBA = 'urn:openid:params:grant-type:ciba';
let h: GrantsHarness;

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addClient({ client_id: 'rp-2' });
  h.directory.addClient({ client_id: 'rp-es', id_token_signed_response_alg: 'ES256', grant_types: [CIBA] });
  h.directory.addClient({ client_id: 'rp-push', backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'https://rp.example/cb' });
  h.directory.addClient({ client_id: 'rp-refresh-only', grant_types: ['refresh_token'] });
  h.directory.addUser('alice', { name: 'Alice' });
});
afterAll(() => h.close());

const poll = (authReqId: string, clientId = 'rp-1') => h.post('/token', { grant_type: CIBA, auth_req_id: authReqId }, clientId);

async function expectError(res: Response, status: number, error: string, description: string) {
  expect({ status: res.status, body: await res.json() as any }).toEqual({ status, body: { error, error_description: description } });
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('pragma')).toBe('no-cache');
}

const grantRow = (requestId: string) => h.db.cibaGrant.findUniqueOrThrow({ where: { requestId } });

describe('POST /token grant_type=urn:openid:params:grant-type:ciba', () => {
  it('answers authorization_pending, then slow_down for each poll inside the interval (interval +5 s each time)', async () => {
    const { authReqId, request } = h.newRequest();
    await h.seedGrant(request);
    await expectError(await poll(authReqId), 400, 'authorization_pending', 'the authorization request is still pending');
    await expectError(await poll(authReqId), 400, 'slow_down', 'polling too fast, wait at least 10 seconds between requests');
    await expectError(await poll(authReqId), 400, 'slow_down', 'polling too fast, wait at least 15 seconds between requests');
    // the first poll went to the database and put the grant in the poll cache, which answered the others
    expect((await grantRow(request.request_id)).lastPolledAt).not.toBeNull();
    // a poll that respects the (grown) interval is pending again, the interval unchanged
    expect(await h.ctx.pollCache.poll(sha256(authReqId), 'rp-1', new Date(Date.now() + 16_000))).toEqual({ outcome: 'pending', interval: 15 });
  });

  it('answers from the database when the poll cache lost the grant (slow_down from the recorded poll), and remembers it again', async () => {
    const { authReqId, request } = h.newRequest();
    await h.seedGrant(request);
    await expectError(await poll(authReqId), 400, 'authorization_pending', 'the authorization request is still pending');
    await h.forgetPollCache();
    await expectError(await poll(authReqId), 400, 'slow_down', 'polling too fast, wait at least 10 seconds between requests');
    expect((await grantRow(request.request_id)).interval).toBe(10);
    await expectError(await poll(authReqId), 400, 'slow_down', 'polling too fast, wait at least 15 seconds between requests');
    expect((await grantRow(request.request_id)).interval).toBe(10); // answered by the cache again
  });

  it('never answers pending from the cache once a decision was applied: the next poll gets the tokens', async () => {
    const { authReqId, request } = h.newRequest();
    await h.seedGrant(request);
    await expectError(await poll(authReqId), 400, 'authorization_pending', 'the authorization request is still pending');
    await h.decide(request, 'approved');
    const res = await poll(authReqId);
    expect(res.status).toBe(200);
    const denied = h.newRequest();
    await h.seedGrant(denied.request);
    await expectError(await poll(denied.authReqId), 400, 'authorization_pending', 'the authorization request is still pending');
    await h.decide(denied.request, 'denied');
    await expectError(await poll(denied.authReqId), 400, 'access_denied', 'the end-user denied the authorization request');
  });

  it('answers from the database, not the cache, for another client and once the request expired', async () => {
    const { authReqId, request } = h.newRequest({ expires_at: new Date(Date.now() + 1_500).toISOString() });
    await h.seedGrant(request);
    await expectError(await poll(authReqId), 400, 'authorization_pending', 'the authorization request is still pending');
    await expectError(await poll(authReqId, 'rp-2'), 400, 'invalid_grant', 'auth_req_id is unknown');
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await expectError(await poll(authReqId), 400, 'expired_token', 'auth_req_id has expired');
  });

  it('issues tokens once an approved grant is polled, and queues ciba.tokens.issued.v1 in the outbox', async () => {
    const decidedAt = new Date(Date.now() - 3_000);
    const { authReqId, request } = h.newRequest({ acr_values: 'urn:acr:high urn:acr:low' });
    await h.seedGrant(request, { status: 'approved', decidedAt });
    const res = await poll(authReqId);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    const body = await res.json() as any;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: h.ctx.config.accessTokenTtl,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      id_token: expect.any(String),
      scope: 'openid profile email',
    });

    const at = decodeJwt(body.access_token);
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(at).toMatchObject({ iss: GRANTS_ISSUER, aud: GRANTS_ISSUER, sub: 'alice', client_id: 'rp-1', scope: 'openid profile email', acr: 'urn:acr:high', auth_time: Math.floor(decidedAt.getTime() / 1000) });
    expect(at.exp! - at.iat!).toBe(h.ctx.config.accessTokenTtl);

    const idToken = decodeJwt(body.id_token);
    expect(decodeProtectedHeader(body.id_token).alg).toBe('RS256');
    expect(idToken).toMatchObject({ iss: GRANTS_ISSUER, sub: 'alice', aud: 'rp-1', acr: 'urn:acr:high', auth_time: Math.floor(decidedAt.getTime() / 1000), at_hash: expect.any(String) });
    expect(idToken).not.toHaveProperty('urn:openid:params:jwt:claim:auth_req_id');
    expect(await h.ctx.keys.verify(body.id_token)).toBeDefined();

    const grant = await grantRow(request.request_id);
    expect(grant.status).toBe('redeemed');
    expect(await h.db.refreshToken.findUnique({ where: { tokenHash: sha256(body.refresh_token) } })).toMatchObject({ clientId: 'rp-1', sub: 'alice', requestId: request.request_id });
    const outbox = await h.db.outboxEvent.findMany({ where: { key: request.request_id } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ topic: 'ciba.tokens' });
    expect(outbox[0]!.envelope).toMatchObject({
      type: 'ciba.tokens.issued.v1',
      subject: request.request_id,
      data: { request_id: request.request_id, client_id: 'rp-1', grant_type: CIBA, access_token_jti: at.jti, refresh_token_issued: true },
    });
    expect(JSON.stringify(outbox[0]!.envelope)).not.toContain(body.access_token);

    await expectError(await poll(authReqId), 400, 'invalid_grant', 'auth_req_id has already been redeemed');
  });

  it('issues tokens exactly once to two racing polls of an approved grant', async () => {
    const { authReqId, request } = h.newRequest();
    await h.seedGrant(request, { status: 'approved' });
    const answers = await Promise.all([poll(authReqId), poll(authReqId), poll(authReqId)]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400, 400]);
    for (const r of answers.filter((a) => a.status === 400)) expect((await r.json() as any).error).toBe('invalid_grant');
    expect(await h.db.outboxEvent.count({ where: { key: request.request_id } })).toBe(1);
    expect(await h.db.refreshToken.count({ where: { requestId: request.request_id } })).toBe(1);
  });

  it('signs the ID token with the client id_token_signed_response_alg and omits the refresh token without that grant', async () => {
    const { authReqId, request } = h.newRequest({ client_id: 'rp-es' });
    await h.seedGrant(request, { status: 'approved' });
    const res = await poll(authReqId, 'rp-es');
    expect(res.status).toBe(200);
    const body = await res.json() as any;
    expect(body).not.toHaveProperty('refresh_token');
    expect(decodeProtectedHeader(body.id_token).alg).toBe('ES256');
    expect(decodeJwt(body.id_token)).not.toHaveProperty('acr');
    const outbox = await h.db.outboxEvent.findFirstOrThrow({ where: { key: request.request_id } });
    expect(outbox.envelope).toMatchObject({ data: { refresh_token_issued: false } });
  });

  it('answers access_denied for a denied request', async () => {
    const { authReqId, request } = h.newRequest();
    await h.seedGrant(request, { status: 'denied' });
    await expectError(await poll(authReqId), 400, 'access_denied', 'the end-user denied the authorization request');
  });

  it('answers expired_token past expires_at (pending or approved) and for an expired grant', async () => {
    const past = new Date(Date.now() - 1_000).toISOString();
    for (const status of ['pending', 'approved'] as const) {
      const { authReqId, request } = h.newRequest({ expires_at: past });
      await h.seedGrant(request, { status });
      await expectError(await poll(authReqId), 400, 'expired_token', 'auth_req_id has expired');
    }
    const { authReqId, request } = h.newRequest();
    await h.seedGrant(request, { status: 'expired' });
    await expectError(await poll(authReqId), 400, 'expired_token', 'auth_req_id has expired');
  });

  it('answers invalid_grant for an unknown auth_req_id and for another client’s', async () => {
    await expectError(await poll('no-such-auth-req-id'), 400, 'invalid_grant', 'auth_req_id is unknown');
    const { authReqId, request } = h.newRequest({ client_id: 'rp-1' });
    await h.seedGrant(request, { status: 'approved' });
    await expectError(await poll(authReqId, 'rp-2'), 400, 'invalid_grant', 'auth_req_id is unknown');
    expect((await grantRow(request.request_id)).status).toBe('approved');
  });

  it('asks auth-endpoint for a request whose created event has not arrived yet', async () => {
    const { authReqId, request } = h.newRequest();
    h.authRequests.add(request);
    await expectError(await poll(authReqId), 400, 'authorization_pending', 'the authorization request is still pending');
    expect(await grantRow(request.request_id)).toMatchObject({ status: 'pending', clientId: 'rp-1', authReqIdHash: sha256(authReqId) });
  });

  it('refuses polls of push mode clients with unauthorized_client', async () => {
    const { authReqId, request } = h.newRequest({ client_id: 'rp-push', delivery_mode: 'push' });
    await h.seedGrant(request, { status: 'approved' });
    await expectError(await poll(authReqId, 'rp-push'), 400, 'unauthorized_client', 'push mode clients receive tokens at their notification endpoint and do not poll');
  });

  it('requires auth_req_id', async () => {
    await expectError(await h.post('/token', { grant_type: CIBA }), 400, 'invalid_request', 'missing required parameter auth_req_id');
    await expectError(await h.post('/token', { grant_type: CIBA, auth_req_id: '' }), 400, 'invalid_request', 'missing required parameter auth_req_id');
  });
});

describe('POST /token', () => {
  it('authenticates the client against the token endpoint URL', async () => {
    await expectError(await h.post('/token', { grant_type: CIBA, auth_req_id: 'x' }, null), 401, 'invalid_client', 'client authentication is required');
    expect(h.directory.endpoints.at(-1)).toBe(`${GRANTS_ISSUER}/token`);
  });

  it('requires grant_type', async () => {
    await expectError(await h.post('/token', { auth_req_id: 'x' }), 400, 'invalid_request', 'missing required parameter grant_type');
  });

  it('answers unsupported_grant_type for grants it does not serve, including the old CIBA urn', async () => {
    await expectError(await h.post('/token', { grant_type: 'urn:ietf:params:oauth:grant-type:ciba', auth_req_id: 'x' }), 400, 'unsupported_grant_type', "unsupported grant_type 'urn:ietf:params:oauth:grant-type:ciba'");
    await expectError(await h.post('/token', { grant_type: 'client_credentials' }), 400, 'unsupported_grant_type', "unsupported grant_type 'client_credentials'");
  });

  it('answers unauthorized_client when the client is not registered for the grant', async () => {
    await expectError(await h.post('/token', { grant_type: CIBA, auth_req_id: 'x' }, 'rp-refresh-only'), 400, 'unauthorized_client', 'the client is not registered for grant_type urn:openid:params:grant-type:ciba');
  });

  it('rejects repeated parameters', async () => {
    const res = await fetch(`${h.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic x' },
      body: `grant_type=${encodeURIComponent(CIBA)}&auth_req_id=a&auth_req_id=b`,
    });
    await expectError(res, 400, 'invalid_request', 'parameter auth_req_id is repeated');
  });
});
