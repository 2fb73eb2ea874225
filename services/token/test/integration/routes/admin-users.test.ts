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

const call = (method: string, sub: string, body?: unknown, token: string | null = TEST_ADMIN_TOKEN) =>
  h.fetch(`/admin/users/${encodeURIComponent(sub)}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

const alice = {
  login_hints: ['alice@example.com', '+15550100'],
  user_code: '1234',
  claims: { name: 'Alice', email: 'alice@example.com' },
  channels: [
    { type: 'webhook', url: 'https://device-gateway.example/prompts' },
    { type: 'email', address: 'alice@example.com' },
    { type: 'sms', phone: '+15550100' },
    { type: 'push', provider: 'fcm', token: 'device-token' },
  ],
};

describe('/admin/users/{sub}', () => {
  it.each(['PUT', 'GET', 'DELETE'])('%s answers 401 without the admin token', async (method) => {
    const res = await call(method, 'alice', method === 'PUT' ? alice : undefined, null);
    expect(res.status).toBe(401);
    expect((await readJson(res)).error).toBe('unauthorized');
  });

  it('answers 401 with a wrong admin token', async () => {
    expect((await call('GET', 'alice', undefined, 'not-the-admin-token')).status).toBe(401);
  });

  it('answers 401 on any /admin path without the token', async () => {
    expect((await h.fetch('/admin/anything')).status).toBe(401);
  });

  it('PUT creates the user and answers it without the user code', async () => {
    const res = await call('PUT', 'alice', alice);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await readJson(res);
    expect(body).toEqual({
      sub: 'alice',
      login_hints: ['+15550100', 'alice@example.com'],
      claims: alice.claims,
      channels: alice.channels,
      has_user_code: true,
    });
    expect(JSON.stringify(body)).not.toContain('1234');
  });

  it('stores the user code scrypt-hashed and the directory verifies it', async () => {
    const row = await h.db.user.findUniqueOrThrow({ where: { sub: 'alice' } });
    expect(row.userCodeHash).toMatch(/^scrypt\$/);
    expect(row.userCodeHash).not.toContain('1234');
    expect(await h.directory.verifyUserCode('alice', '1234')).toBe(true);
    expect(await h.directory.verifyUserCode('alice', '1235')).toBe(false);
  });

  it('GET answers the stored user', async () => {
    const res = await call('GET', 'alice');
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ sub: 'alice', has_user_code: true, claims: alice.claims });
  });

  it('the hints resolve through the directory', async () => {
    expect(await h.directory.resolveLoginHint('alice@example.com')).toBe('alice');
    expect(await h.directory.getUser('alice')).toEqual({ sub: 'alice', claims: alice.claims, channels: alice.channels, has_user_code: true });
    expect(await h.directory.getUserClaims('alice')).toEqual(alice.claims);
  });

  it('answers 409 conflict when another user holds a hint, naming no other user, and changes nothing', async () => {
    const res = await call('PUT', 'bob', { login_hints: ['bob@example.com', 'alice@example.com'] });
    expect(res.status).toBe(409);
    const body = await readJson(res);
    expect(body).toEqual({ error: 'conflict', error_description: 'a login hint is already held by another user' });
    expect(JSON.stringify(body)).not.toContain('alice');
    expect((await call('GET', 'bob')).status).toBe(404);
    expect(await h.directory.resolveLoginHint('bob@example.com')).toBeNull();
  });

  it('PUT replaces hints, claims, channels and the user code as a whole', async () => {
    const res = await call('PUT', 'alice', { login_hints: ['alice2@example.com'], claims: { name: 'Alice B' } });
    expect(await readJson(res)).toEqual({ sub: 'alice', login_hints: ['alice2@example.com'], claims: { name: 'Alice B' }, channels: [], has_user_code: false });
    expect(await h.directory.resolveLoginHint('alice@example.com')).toBeNull();
    expect(await h.directory.resolveLoginHint('alice2@example.com')).toBe('alice');
    expect(await h.directory.verifyUserCode('alice', '1234')).toBe(false);
  });

  it('frees a hint the previous owner gave up', async () => {
    expect((await call('PUT', 'bob', { login_hints: ['alice@example.com'] })).status).toBe(200);
    expect(await h.directory.resolveLoginHint('alice@example.com')).toBe('bob');
  });

  it('GET answers 404 for an unknown user', async () => {
    const res = await call('GET', 'nobody');
    expect(res.status).toBe(404);
    expect((await readJson(res)).error).toBe('not_found');
  });

  it('DELETE answers 204 and the hints stop resolving at once', async () => {
    const res = await call('DELETE', 'bob');
    expect(res.status).toBe(204);
    expect(await h.directory.resolveLoginHint('alice@example.com')).toBeNull();
    expect(await h.directory.getUser('bob')).toBeNull();
    expect((await call('GET', 'bob')).status).toBe(404);
  });

  it('handles a sub with reserved characters', async () => {
    expect((await call('PUT', 'user/with space', { login_hints: ['x@example.com'] })).status).toBe(200);
    expect(await h.directory.resolveLoginHint('x@example.com')).toBe('user/with space');
    expect((await readJson(await call('GET', 'user/with space'))).sub).toBe('user/with space');
  });

  it.each<[string, unknown]>([
    ['login_hints that is not an array', { login_hints: 'alice' }],
    ['an empty login hint', { login_hints: [''] }],
    ['a numeric user code', { user_code: 1234 }],
    ['an unknown channel type', { channels: [{ type: 'pigeon' }] }],
    ['a webhook without url', { channels: [{ type: 'webhook' }] }],
    ['claims that are not an object', { claims: ['x'] }],
    ['a body that is not an object', [1]],
  ])('answers 400 invalid_request for %s', async (_name, body) => {
    const res = await call('PUT', 'carol', body);
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toBe('invalid_request');
  });

  it('answers 400 invalid_request for malformed JSON', async () => {
    const res = await call('PUT', 'carol', '{');
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toBe('invalid_request');
  });

  it('answers 400 for a sub longer than 255 characters', async () => {
    expect((await call('GET', 'x'.repeat(256))).status).toBe(400);
  });
});

describe('/admin/users in production', () => {
  let p: TokenHarness;
  beforeAll(async () => {
    p = await startTokenHarness({ NODE_ENV: 'production', SIGNING_KEY_ENCRYPTION_KEY: TEST_KEK });
  });
  afterAll(async () => {
    await p.close();
  });

  it.each(['http://device.example/prompts', 'https://10.0.0.5/prompts'])('rejects the webhook %s', async (url) => {
    const res = await fetch(`${p.url}/admin/users/dave`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channels: [{ type: 'webhook', url }] }),
    });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error_description).toMatch(/^channels\[0\]\.url /);
  });
});
