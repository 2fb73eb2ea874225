import { createLocalJWKSet, exportJWK, flattenedVerify, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
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

describe('signDetached', () => {
  it('signs the exact body bytes as a detached JWS (ES256, our kid, typ ciba-prompt+jws) that verifies with /jwks', async () => {
    const body = JSON.stringify({ prompt_id: 'p1', sub: 'alice', binding_message: 'caf\u00e9 W4SP' });
    const signature = await h.directory.signDetached(body);
    const [header, empty, sig] = signature.split('.');
    expect(empty).toBe('');
    const jwks = createLocalJWKSet(h.keys.jwks() as JSONWebKeySet);
    // RFC 7515 Appendix F: the receiver puts the (base64url of the) body it got back in between.
    const { protectedHeader, payload } = await flattenedVerify({ protected: header!, payload: Buffer.from(body).toString('base64url'), signature: sig! }, jwks);
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'ciba-prompt+jws' });
    expect(new TextDecoder().decode(payload)).toBe(body);
    await expect(flattenedVerify({ protected: header!, payload: Buffer.from(`${body} `).toString('base64url'), signature: sig! }, jwks)).rejects.toThrow();
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

describe('users by login hint', () => {
  const putUser = (sub: string, body: object) =>
    h.fetch(`/admin/users/${sub}`, { method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const carol = { login_hints: ['carol@example.com'], user_code: '4321', claims: { name: 'Carol' }, channels: [{ type: 'email', address: 'carol@example.com' }] };
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  afterEach(() => jest.restoreAllMocks());

  it('resolveLoginHint then getUser and verifyUserCode, as bc-authorize asks them: one statement', async () => {
    expect((await putUser('carol', carol)).status).toBe(200);
    const query = jest.spyOn(h.ctx.pool, 'query');
    const sub = await h.directory.resolveLoginHint('carol@example.com');
    const user = await h.directory.getUser(sub!);
    const codeOk = await h.directory.verifyUserCode(sub!, '4321');
    expect(query).toHaveBeenCalledTimes(1);
    expect(sub).toBe('carol');
    expect(user).toEqual({ sub: 'carol', claims: { name: 'Carol' }, channels: carol.channels, has_user_code: true });
    expect(codeOk).toBe(true);
  });

  it('getUser in a later turn reads the user again', async () => {
    expect((await putUser('carol', carol)).status).toBe(200);
    await h.directory.resolveLoginHint('carol@example.com');
    await nextTurn();
    const query = jest.spyOn(h.ctx.pool, 'query');
    expect(await h.directory.getUser('carol')).toMatchObject({ sub: 'carol' });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('a deleted user: its hints stop resolving and getUser answers null at once', async () => {
    expect((await putUser('dave', { login_hints: ['dave@example.com'] })).status).toBe(200);
    expect(await h.directory.resolveLoginHint('dave@example.com')).toBe('dave');
    const res = await h.fetch('/admin/users/dave', { method: 'DELETE', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(res.status).toBe(204);
    expect(await h.directory.resolveLoginHint('dave@example.com')).toBeNull();
    expect(await h.directory.getUser('dave')).toBeNull();
  });

  it('a replaced user: getUser answers the new claims and channels, never a read of an earlier turn', async () => {
    expect((await putUser('erin', { login_hints: ['erin@example.com'], claims: { name: 'Erin' } })).status).toBe(200);
    expect(await h.directory.resolveLoginHint('erin@example.com')).toBe('erin');
    expect((await putUser('erin', { login_hints: ['erin@example.com'], claims: { name: 'Erin 2' } })).status).toBe(200);
    expect(await h.directory.getUser('erin')).toMatchObject({ claims: { name: 'Erin 2' }, has_user_code: false });
    expect(await h.directory.getUserClaims('erin')).toEqual({ name: 'Erin 2' });
  });

  it('concurrent resolveLoginHint then getUser, as concurrent bc-authorize requests ask: one statement, each caller its own user', async () => {
    expect((await putUser('gina', { login_hints: ['gina@example.com'], claims: { name: 'Gina' } })).status).toBe(200);
    expect((await putUser('hank', { login_hints: ['hank@example.com'], claims: { name: 'Hank' } })).status).toBe(200);
    const query = jest.spyOn(h.ctx.pool, 'query');
    const ask = async (hint: string) => {
      const sub = await h.directory.resolveLoginHint(hint);
      return sub === null ? null : h.directory.getUser(sub);
    };
    const users = await Promise.all(['gina@example.com', 'nobody@example.com', 'hank@example.com', 'gina@example.com'].map(ask));
    expect(query).toHaveBeenCalledTimes(1);
    expect(users.map((u) => u?.claims ?? null)).toEqual([{ name: 'Gina' }, null, { name: 'Hank' }, { name: 'Gina' }]);
  });

  it('concurrent getUser (the consent dispatcher, a prompt each): one statement, each caller its own user', async () => {
    expect((await putUser('gina', { login_hints: ['gina@example.com'], claims: { name: 'Gina' } })).status).toBe(200);
    expect((await putUser('hank', { login_hints: ['hank@example.com'], claims: { name: 'Hank' } })).status).toBe(200);
    const query = jest.spyOn(h.ctx.pool, 'query');
    const users = await Promise.all(['hank', 'ghost', 'gina'].map((sub) => h.directory.getUser(sub)));
    expect(query).toHaveBeenCalledTimes(1);
    expect(users.map((u) => u?.sub ?? null)).toEqual(['hank', null, 'gina']);
  });

  it('an unknown hint resolves to null', async () => {
    expect(await h.directory.resolveLoginHint('nobody@example.com')).toBeNull();
  });
});

describe('clients', () => {
  it('authenticateClient and getClient answer the same view, reading the client once', async () => {
    const { client_id, client_secret } = await register({ client_name: 'Cached RP' });
    const query = jest.spyOn(h.ctx.pool, 'query');
    const basic = `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}`;
    const first = await h.directory.authenticateClient({ authorization: basic, endpoint: `${h.config.issuer}/token` });
    const second = await h.directory.authenticateClient({ authorization: basic, endpoint: `${h.config.issuer}/token` });
    expect(await h.directory.getClient(client_id)).toBe(first);
    expect(second).toBe(first);
    expect(first).toMatchObject({ client_id, client_name: 'Cached RP', token_endpoint_auth_method: 'client_secret_basic' });
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
  });

  it('authenticateClient refuses a wrong secret of a cached client', async () => {
    const { client_id, client_secret } = await register({ client_name: 'Other RP' });
    await h.directory.getClient(client_id);
    const basic = `Basic ${Buffer.from(`${client_id}:${client_secret!.slice(0, -1)}x`).toString('base64')}`;
    await expect(h.directory.authenticateClient({ authorization: basic, endpoint: `${h.config.issuer}/token` })).rejects.toMatchObject({ error: 'invalid_client' });
  });
});
