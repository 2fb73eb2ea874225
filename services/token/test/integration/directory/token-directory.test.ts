import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { CLIENT_ASSERTION_TYPE } from '../../../src/client-auth/client-assertion-type.ts';
import { startTokenHarness, type TokenHarness } from '../../support/token-harness.ts';
import { readJson } from '../../support/read-json.ts';
import { TEST_ADMIN_TOKEN } from '../../support/test-config.ts';

let h: TokenHarness;
let clientKey: CryptoKey;
let jwtClientId: string;
let secretClientId: string;

const now = () => Math.floor(Date.now() / 1000);

async function register(body: object): Promise<{ client_id: string; client_secret?: string }> {
  const res = await h.fetch('/register', {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return readJson(res);
}

beforeAll(async () => {
  h = await startTokenHarness();
  const pair = await generateKeyPair('PS256', { extractable: true });
  clientKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), alg: 'PS256', kid: 'rp-1' };
  jwtClientId = (await register({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [jwk] }, backchannel_authentication_request_signing_alg: 'PS256' })).client_id;
  secretClientId = (await register({ client_name: 'Secret RP' })).client_id;
});
afterAll(async () => {
  await h.close();
});

const assertion = (jti: string, exp = now() + 60) =>
  new SignJWT({ iss: jwtClientId, sub: jwtClientId, aud: h.config.issuer, jti }).setProtectedHeader({ alg: 'PS256', kid: 'rp-1' }).setExpirationTime(exp).sign(clientKey);
const creds = (jwt: string) => ({ client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: jwt, endpoint: `${h.config.issuer}/token` });

describe('authenticateClient with private_key_jwt (database jti store)', () => {
  it('authenticates once, then refuses the same assertion', async () => {
    const jwt = await assertion('jti-1');
    expect(await h.directory.authenticateClient(creds(jwt))).toMatchObject({ client_id: jwtClientId, token_endpoint_auth_method: 'private_key_jwt' });
    await expect(h.directory.authenticateClient(creds(jwt))).rejects.toMatchObject({ error: 'invalid_client', message: 'client assertion has already been used' });
  });

  it('lets exactly one of concurrent uses of one jti through', async () => {
    const jwt = await assertion('jti-race');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => h.directory.authenticateClient(creds(jwt))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('records the jti until the assertion expires', async () => {
    const exp = now() + 120;
    await h.directory.authenticateClient(creds(await assertion('jti-exp', exp)));
    const row = await h.db.clientAssertionJti.findUniqueOrThrow({ where: { clientId_jti: { clientId: jwtClientId, jti: 'jti-exp' } } });
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(exp * 1000);
  });

  it('reuses a jti only once its earlier record has expired', async () => {
    await h.db.clientAssertionJti.create({ data: { clientId: jwtClientId, jti: 'jti-old', expiresAt: new Date(Date.now() - 1000) } });
    expect((await h.directory.authenticateClient(creds(await assertion('jti-old')))).client_id).toBe(jwtClientId);
  });

  it('keeps jtis apart per client', async () => {
    await h.db.clientAssertionJti.create({ data: { clientId: secretClientId, jti: 'shared', expiresAt: new Date(Date.now() + 60_000) } });
    expect((await h.directory.authenticateClient(creds(await assertion('shared')))).client_id).toBe(jwtClientId);
  });
});

describe('getClient', () => {
  it('answers the public view, never keys or secret', async () => {
    const view = await h.directory.getClient(jwtClientId);
    expect(view).toMatchObject({ client_id: jwtClientId, backchannel_authentication_request_signing_alg: 'PS256' });
    expect(view).not.toHaveProperty('jwks');
    expect(await h.directory.getClient('unknown')).toBeNull();
  });
});

describe('verifyClientJwt', () => {
  it('answers header and claims of a JWT signed with the client key, without checking claims', async () => {
    const jwt = await new SignJWT({ login_hint: 'alice', exp: now() - 3600 }).setProtectedHeader({ alg: 'PS256', kid: 'rp-1' }).sign(clientKey);
    expect(await h.directory.verifyClientJwt(jwtClientId, jwt, ['PS256'])).toEqual({
      header: { alg: 'PS256', kid: 'rp-1' },
      claims: { login_hint: 'alice', exp: expect.any(Number) },
    });
  });

  it('answers null for a disallowed alg, another key, a client without keys or an unknown client', async () => {
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'PS256', kid: 'rp-1' }).sign(clientKey);
    expect(await h.directory.verifyClientJwt(jwtClientId, jwt, ['ES256'])).toBeNull();
    expect(await h.directory.verifyClientJwt(jwtClientId, jwt, ['HS256', 'none'])).toBeNull();
    const { privateKey } = await generateKeyPair('PS256');
    expect(await h.directory.verifyClientJwt(jwtClientId, await new SignJWT({}).setProtectedHeader({ alg: 'PS256', kid: 'rp-1' }).sign(privateKey))).toBeNull();
    expect(await h.directory.verifyClientJwt(secretClientId, jwt)).toBeNull();
    expect(await h.directory.verifyClientJwt('unknown', jwt)).toBeNull();
    expect(await h.directory.verifyClientJwt(jwtClientId, 'garbage')).toBeNull();
  });
});

describe('verifyOwnJwt', () => {
  it('answers the claims of our ID token, even expired', async () => {
    const jwt = await h.keys.sign({ iss: h.config.issuer, sub: 'alice', aud: secretClientId, iat: now() - 7200, exp: now() - 3600 }, { alg: 'RS256' });
    expect(await h.directory.verifyOwnJwt(jwt)).toMatchObject({ sub: 'alice', aud: secretClientId });
  });

  it('answers null for another issuer, a foreign signature or garbage', async () => {
    expect(await h.directory.verifyOwnJwt(await h.keys.sign({ iss: 'https://evil.example', sub: 'alice' }, { alg: 'ES256' }))).toBeNull();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ iss: h.config.issuer, sub: 'alice' }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect(await h.directory.verifyOwnJwt(forged)).toBeNull();
    expect(await h.directory.verifyOwnJwt('a.b.c')).toBeNull();
  });
});

describe('users', () => {
  it('verifyUserCode answers false for a user without a code or an unknown user', async () => {
    await h.fetch('/admin/users/nocode', {
      method: 'PUT',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ login_hints: ['nocode@example.com'] }),
    });
    expect(await h.directory.verifyUserCode('nocode', '')).toBe(false);
    expect(await h.directory.verifyUserCode('ghost', '1234')).toBe(false);
    expect(await h.directory.getUserClaims('ghost')).toBeNull();
  });
});
