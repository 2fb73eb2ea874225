import { startTokenHarness, type TokenHarness } from '../../support/token-harness.ts';
import { readJson } from '../../support/read-json.ts';
import { TEST_ADMIN_TOKEN } from '../../support/test-config.ts';

/** A key-encryption key for the production-mode harness (required there). */
const TEST_KEK = Buffer.alloc(32, 7).toString('base64url');

let h: TokenHarness;
beforeAll(async () => {
  h = await startTokenHarness();
});
afterAll(async () => {
  await h.close();
});

const register = (body: unknown, init: { token?: string | null; contentType?: string } = {}) =>
  h.fetch('/register', {
    method: 'POST',
    headers: {
      'content-type': init.contentType ?? 'application/json',
      ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? TEST_ADMIN_TOKEN}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /register', () => {
  it('answers 401 invalid_token without the initial access token', async () => {
    const res = await register({}, { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await readJson(res)).toEqual({ error: 'invalid_token', error_description: 'missing or invalid initial access token' });
  });

  it('answers 401 invalid_token with a wrong initial access token', async () => {
    const res = await register({}, { token: 'wrong-token-0123456789' });
    expect(res.status).toBe(401);
    expect((await readJson(res)).error).toBe('invalid_token');
  });

  it('registers a default client: client_secret_basic, CIBA + refresh_token, poll, RS256', async () => {
    const res = await register({ client_name: 'RP' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await readJson(res);
    expect(body).toEqual({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      client_id_issued_at: expect.any(Number),
      client_secret_expires_at: 0,
      client_name: 'RP',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
      backchannel_token_delivery_mode: 'poll',
      backchannel_user_code_parameter: false,
      id_token_signed_response_alg: 'RS256',
    });
    expect(Buffer.from(body.client_id, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(body.client_secret, 'base64url').length).toBe(32);
    expect(Math.abs(body.client_id_issued_at - Date.now() / 1000)).toBeLessThan(60);
  });

  it('stores only the SHA-256 of the secret, and the secret authenticates the client', async () => {
    const body = await readJson(await register({ token_endpoint_auth_method: 'client_secret_post' }));
    const row = await h.db.client.findUniqueOrThrow({ where: { clientId: body.client_id } });
    expect(row.clientSecretHash).not.toBe(body.client_secret);
    expect(JSON.stringify(row)).not.toContain(body.client_secret);
    const view = await h.directory.authenticateClient({ client_id: body.client_id, client_secret: body.client_secret, endpoint: `${h.config.issuer}/token` });
    expect(view).toMatchObject({ client_id: body.client_id, token_endpoint_auth_method: 'client_secret_post' });
  });

  it('registers a ping client with private_key_jwt and no secret', async () => {
    const res = await register({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: 'https://rp.example/jwks',
      backchannel_token_delivery_mode: 'ping',
      backchannel_client_notification_endpoint: 'http://127.0.0.1:9999/cb',
      backchannel_authentication_request_signing_alg: 'PS256',
      backchannel_user_code_parameter: true,
      id_token_signed_response_alg: 'ES256',
      scope: 'openid email',
    });
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body.client_secret).toBeUndefined();
    expect(body.client_secret_expires_at).toBeUndefined();
    expect(body).toMatchObject({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: 'https://rp.example/jwks',
      backchannel_token_delivery_mode: 'ping',
      backchannel_client_notification_endpoint: 'http://127.0.0.1:9999/cb',
      backchannel_authentication_request_signing_alg: 'PS256',
      backchannel_user_code_parameter: true,
      id_token_signed_response_alg: 'ES256',
      scope: 'openid email',
    });
    expect(await h.directory.getClient(body.client_id)).toEqual({
      client_id: body.client_id,
      grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
      scope: 'openid email',
      token_endpoint_auth_method: 'private_key_jwt',
      backchannel_token_delivery_mode: 'ping',
      backchannel_client_notification_endpoint: 'http://127.0.0.1:9999/cb',
      backchannel_authentication_request_signing_alg: 'PS256',
      backchannel_user_code_parameter: true,
      id_token_signed_response_alg: 'ES256',
    });
  });

  it('registers a client without the CIBA grant as given, with no delivery mode', async () => {
    const body = await readJson(await register({ grant_types: ['refresh_token'] }));
    expect(body.grant_types).toEqual(['refresh_token']);
    expect(body.backchannel_token_delivery_mode).toBeUndefined();
  });

  it.each([
    ['ping without a notification endpoint', { backchannel_token_delivery_mode: 'ping' }, 'backchannel_client_notification_endpoint is required for the ping mode'],
    ['an unknown delivery mode', { backchannel_token_delivery_mode: 'poke' }, 'backchannel_token_delivery_mode must be poll, ping or push'],
    ['private_key_jwt without keys', { token_endpoint_auth_method: 'private_key_jwt' }, 'private_key_jwt requires jwks or jwks_uri'],
    ['a non-object body', [1, 2], 'client metadata must be a JSON object'],
  ])('answers 400 invalid_client_metadata for %s', async (_name, body, description) => {
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await readJson(res)).toEqual({ error: 'invalid_client_metadata', error_description: description });
  });

  it('registers consent_channel_types and the directory shows them to the dispatcher', async () => {
    const res = await register({ consent_channel_types: ['push', 'webhook', 'push'] });
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body.consent_channel_types).toEqual(['push', 'webhook']);
    expect(await h.directory.getClient(body.client_id)).toMatchObject({ consent_channel_types: ['push', 'webhook'] });
    const plain = await readJson(await register({}));
    expect(plain).not.toHaveProperty('consent_channel_types');
    expect(await h.directory.getClient(plain.client_id)).not.toHaveProperty('consent_channel_types');
  });

  it('registers backchannel_user_hint_types and the directory shows them to the auth endpoint', async () => {
    const res = await register({ backchannel_user_hint_types: ['login_hint_token', 'id_token_hint', 'login_hint_token'] });
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body.backchannel_user_hint_types).toEqual(['login_hint_token', 'id_token_hint']);
    expect(await h.directory.getClient(body.client_id)).toMatchObject({ backchannel_user_hint_types: ['login_hint_token', 'id_token_hint'] });
    expect(await h.directory.getClient((await readJson(await register({}))).client_id)).not.toHaveProperty('backchannel_user_hint_types');
  });

  it.each([[['email']], [[]], ['login_hint']])('answers 400 invalid_client_metadata for backchannel_user_hint_types %j', async (types) => {
    const res = await register({ backchannel_user_hint_types: types });
    expect(res.status).toBe(400);
    expect(await readJson(res)).toMatchObject({ error: 'invalid_client_metadata', error_description: expect.stringContaining('backchannel_user_hint_types') });
  });

  it.each([[['carrier-pigeon']], [[]], ['push']])('answers 400 invalid_client_metadata for consent_channel_types %j', async (types) => {
    const res = await register({ consent_channel_types: types });
    expect(res.status).toBe(400);
    expect(await readJson(res)).toMatchObject({ error: 'invalid_client_metadata', error_description: expect.stringContaining('consent_channel_types') });
  });

  it('answers 400 invalid_request for a body that is not JSON', async () => {
    const res = await register('{not json');
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toBe('invalid_request');
  });

  it('answers invalid_request for a form body', async () => {
    const res = await register('client_name=x', { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await readJson(res)).error).toBe('invalid_request');
  });
});

describe('POST /register in production', () => {
  let p: TokenHarness;
  beforeAll(async () => {
    p = await startTokenHarness({ NODE_ENV: 'production', ISSUER: 'https://op.example.test', SIGNING_KEY_ENCRYPTION_KEY: TEST_KEK });
  });
  afterAll(async () => {
    await p.close();
  });

  it.each([
    ['http://rp.example/cb', 'backchannel_client_notification_endpoint must use https'],
    ['https://127.0.0.1/cb', 'backchannel_client_notification_endpoint must not point to a loopback, private or reserved address'],
    ['https://10.1.2.3/cb', 'backchannel_client_notification_endpoint must not point to a loopback, private or reserved address'],
    ['https://localhost/cb', 'backchannel_client_notification_endpoint must not point to a loopback, private or reserved address'],
  ])('rejects the notification endpoint %s', async (endpoint, description) => {
    const res = await fetch(`${p.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: endpoint }),
    });
    expect(res.status).toBe(400);
    expect(await readJson(res)).toEqual({ error: 'invalid_client_metadata', error_description: description });
  });
});

describe('POST /register dpop_bound_access_tokens (RFC 9449 §5.2)', () => {
  it('registers it and gives it to the directory, so the token endpoint enforces it', async () => {
    const res = await register({ dpop_bound_access_tokens: true });
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body.dpop_bound_access_tokens).toBe(true);
    await expect(h.directory.getClient(body.client_id)).resolves.toMatchObject({ dpop_bound_access_tokens: true });
  });

  it('refuses it with the push mode: 400 invalid_client_metadata', async () => {
    const res = await register({ dpop_bound_access_tokens: true, backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'http://localhost:3000/cb' });
    expect(res.status).toBe(400);
    expect(await readJson(res)).toEqual({ error: 'invalid_client_metadata', error_description: 'dpop_bound_access_tokens cannot be used with the push mode' });
  });
});
