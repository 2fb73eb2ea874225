import { decodeJwt } from 'jose';
import { sha256 } from '@ciba/service-kit';
import { startGrantsHarness, type GrantsHarness } from '../../../support/grants-harness.ts';

let h: GrantsHarness;

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addClient({ client_id: 'rp-2' });
  h.directory.addUser('alice', { name: 'Alice' });
  h.directory.addUser('bob', { name: 'Bob' });
});
afterAll(() => h.close());

const refresh = (refreshToken: string, extra: Record<string, string> = {}, clientId = 'rp-1') =>
  h.post('/token', { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }, clientId);

async function expectError(res: Response, status: number, error: string, description: string) {
  expect({ status: res.status, body: await res.json() as any }).toEqual({ status, body: { error, error_description: description } });
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('POST /token grant_type=refresh_token', () => {
  it('rotates the refresh token: new access, refresh and ID tokens; the old one is spent', async () => {
    const first = await h.tokensFor('rp-1');
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const second = await res.json() as any;
    expect(second).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: h.ctx.config.accessTokenTtl,
      refresh_token: expect.any(String),
      id_token: expect.any(String),
      scope: 'openid profile email',
    });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(second.access_token).auth_time).toBe(decodeJwt(first.access_token).auth_time);
    expect(decodeJwt(second.id_token)).toMatchObject({ sub: 'alice', aud: 'rp-1' });
    const [old, next] = await Promise.all([
      h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(first.refresh_token) } }),
      h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(second.refresh_token) } }),
    ]);
    expect(old.usedAt).not.toBeNull();
    expect(next).toMatchObject({ familyId: old.familyId, usedAt: null, revokedAt: null, scope: old.scope });
  });

  it('detects reuse of a rotated token: invalid_grant and the whole family is revoked', async () => {
    const first = await h.tokensFor('rp-1');
    const second = await (await refresh(first.refresh_token)).json() as any;
    await expectError(await refresh(first.refresh_token), 400, 'invalid_grant', 'refresh_token has already been used; every token of its grant is revoked');
    await expectError(await refresh(second.refresh_token), 400, 'invalid_grant', 'refresh_token has been revoked');
    const family = await h.db.refreshToken.findMany({ where: { familyId: (await h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(first.refresh_token) } })).familyId } });
    expect(family.every((t) => t.revokedAt !== null)).toBe(true);
  });

  it('lets only one of two racing uses rotate; the other counts as reuse', async () => {
    const first = await h.tokensFor('rp-1');
    const answers = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('narrows the scope of the access token on request; the refresh token keeps the grant', async () => {
    const first = await h.tokensFor('rp-1');
    const narrowed = await (await refresh(first.refresh_token, { scope: 'openid email' })).json() as any;
    expect(narrowed.scope).toBe('openid email');
    expect(decodeJwt(narrowed.access_token).scope).toBe('openid email');
    const again = await (await refresh(narrowed.refresh_token)).json() as any;
    expect(again.scope).toBe('openid profile email');
  });

  it('omits the ID token when the narrowed scope has no openid', async () => {
    const first = await h.tokensFor('rp-1');
    const body = await (await refresh(first.refresh_token, { scope: 'email' })).json() as any;
    expect(body).not.toHaveProperty('id_token');
    expect(body.scope).toBe('email');
  });

  it('answers invalid_scope for a scope beyond the grant', async () => {
    const first = await h.tokensFor('rp-1');
    await expectError(await refresh(first.refresh_token, { scope: 'openid phone' }), 400, 'invalid_scope', 'scope exceeds the scope originally granted: phone');
    expect((await refresh(first.refresh_token)).status).toBe(200);
  });

  it('answers invalid_grant for unknown, other clients’, expired and revoked tokens', async () => {
    await expectError(await refresh('not-a-refresh-token'), 400, 'invalid_grant', 'refresh_token is invalid');
    const mine = await h.tokensFor('rp-1');
    await expectError(await refresh(mine.refresh_token, {}, 'rp-2'), 400, 'invalid_grant', 'refresh_token is invalid');
    await h.db.refreshToken.update({ where: { tokenHash: sha256(mine.refresh_token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectError(await refresh(mine.refresh_token), 400, 'invalid_grant', 'refresh_token has expired');
    const other = await h.tokensFor('rp-1');
    await h.db.refreshToken.update({ where: { tokenHash: sha256(other.refresh_token) }, data: { revokedAt: new Date() } });
    await expectError(await refresh(other.refresh_token), 400, 'invalid_grant', 'refresh_token has been revoked');
  });

  it('answers invalid_grant once the user is gone', async () => {
    const tokens = await h.tokensFor('rp-1', { sub: 'bob' });
    h.directory.removeUser('bob');
    await expectError(await refresh(tokens.refresh_token), 400, 'invalid_grant', 'the end-user of this grant no longer exists');
  });

  it('requires refresh_token', async () => {
    await expectError(await h.post('/token', { grant_type: 'refresh_token' }), 400, 'invalid_request', 'missing required parameter refresh_token');
  });
});
