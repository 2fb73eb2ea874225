import { startGrantsHarness, type GrantsHarness } from '../../../support/grants-harness.ts';

let h: GrantsHarness;
const ALICE = {
  name: 'Alice Liddell',
  given_name: 'Alice',
  email: 'alice@example.com',
  email_verified: true,
  phone_number: '+15550100',
  address: { country: 'GB' },
  sub: 'spoofed',
  custom: 'never released',
};

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addUser('alice', ALICE);
  h.directory.addUser('bob', { name: 'Bob' });
});
afterAll(() => h.close());

const get = (token?: string, headers: Record<string, string> = {}) =>
  fetch(`${h.url}/userinfo`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

async function expectTokenError(res: Response, status: number, error: string, description: string) {
  expect({ status: res.status, body: await res.json() as any }).toEqual({ status, body: { error, error_description: description } });
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="ciba"/);
}

describe('GET|POST /userinfo', () => {
  it('answers sub and the claims of the token scope (profile, email), with no-store', async () => {
    const { access_token } = await h.tokensFor('rp-1');
    const res = await get(access_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json() as any).toEqual({ sub: 'alice', name: 'Alice Liddell', given_name: 'Alice', email: 'alice@example.com', email_verified: true });
  });

  it('releases phone and address for those scopes', async () => {
    const { access_token } = await h.tokensFor('rp-1', { scope: 'openid phone address' });
    expect(await (await get(access_token)).json() as any).toEqual({ sub: 'alice', phone_number: '+15550100', address: { country: 'GB' } });
  });

  it('accepts the token in a POST form body (RFC 6750 §2.2) and in the header of a POST', async () => {
    const { access_token } = await h.tokensFor('rp-1', { scope: 'openid' });
    const form = await fetch(`${h.url}/userinfo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `access_token=${access_token}` });
    expect(await form.json() as any).toEqual({ sub: 'alice' });
    const header = await fetch(`${h.url}/userinfo`, { method: 'POST', headers: { authorization: `Bearer ${access_token}` } });
    expect(await header.json() as any).toEqual({ sub: 'alice' });
  });

  it('refuses a token sent two ways with invalid_request', async () => {
    const { access_token } = await h.tokensFor('rp-1', { scope: 'openid' });
    const res = await fetch(`${h.url}/userinfo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `access_token=${access_token}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json() as any).toEqual({ error: 'invalid_request', error_description: 'the access token must be sent in one way only' });
  });

  it('answers 401 invalid_token without a token, with another scheme, or with a bad token', async () => {
    const missing = await get();
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="ciba", DPoP realm="ciba", algs="ES256 PS256 RS256 EdDSA"');
    await expectTokenError(missing, 401, 'invalid_token', 'missing access token');
    await expectTokenError(await get(undefined, { authorization: 'Basic abc' }), 401, 'invalid_token', 'authorization header must use the Bearer scheme');
    await expectTokenError(await get('not.a.jwt'), 401, 'invalid_token', 'access token is invalid');
  });

  it('refuses an ID token used as an access token', async () => {
    const { id_token } = await h.tokensFor('rp-1');
    await expectTokenError(await get(id_token), 401, 'invalid_token', 'access token is invalid');
  });

  it('refuses expired and revoked access tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await h.ctx.keys.sign(
      { iss: h.ctx.config.issuer, aud: h.ctx.config.issuer, sub: 'alice', client_id: 'rp-1', scope: 'openid', jti: 'j-expired', iat: now - 100, exp: now - 10 },
      { alg: 'RS256', typ: 'at+jwt' },
    );
    await expectTokenError(await get(expired), 401, 'invalid_token', 'access token has expired');
    const { access_token } = await h.tokensFor('rp-1');
    expect((await h.post('/revoke', { token: access_token })).status).toBe(200);
    await expectTokenError(await get(access_token), 401, 'invalid_token', 'access token has been revoked');
  });

  it('refuses a token of another issuer', async () => {
    const now = Math.floor(Date.now() / 1000);
    const foreign = await h.ctx.keys.sign(
      { iss: 'https://other.example', aud: h.ctx.config.issuer, sub: 'alice', client_id: 'rp-1', scope: 'openid', jti: 'j-foreign', iat: now, exp: now + 60 },
      { alg: 'RS256', typ: 'at+jwt' },
    );
    await expectTokenError(await get(foreign), 401, 'invalid_token', 'access token is invalid');
  });

  it('answers 403 insufficient_scope for a token without openid', async () => {
    const first = await h.tokensFor('rp-1');
    const { access_token } = await (await h.post('/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token, scope: 'email' })).json() as any;
    const res = await get(access_token);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ciba", error="insufficient_scope", scope="openid"');
    expect(await res.json() as any).toEqual({ error: 'insufficient_scope', error_description: 'the access token lacks the openid scope' });
  });

  it('answers invalid_token once the user is gone', async () => {
    const { access_token } = await h.tokensFor('rp-1', { sub: 'bob' });
    h.directory.removeUser('bob');
    await expectTokenError(await get(access_token), 401, 'invalid_token', 'the end-user of this access token no longer exists');
  });
});
