import { decodeJwt } from 'jose';
import { startGrantsHarness, GRANTS_ISSUER, type GrantsHarness } from '../../../support/grants-harness.ts';

let h: GrantsHarness;

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addClient({ client_id: 'rp-2' });
  h.directory.addUser('alice', { name: 'Alice' });
});
afterAll(() => h.close());

const introspect = (form: Record<string, string>, clientId: string | null = 'rp-1') => h.post('/introspect', form, clientId);

describe('POST /introspect', () => {
  it('describes an active access token of the caller', async () => {
    const { access_token } = await h.tokensFor('rp-1');
    const res = await introspect({ token: access_token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const claims = decodeJwt(access_token);
    expect(await res.json() as any).toEqual({
      active: true,
      scope: 'openid profile email',
      client_id: 'rp-1',
      sub: 'alice',
      exp: claims.exp,
      iat: claims.iat,
      iss: GRANTS_ISSUER,
      token_type: 'Bearer',
      jti: claims.jti,
      aud: GRANTS_ISSUER,
    });
    expect(h.directory.endpoints.at(-1)).toBe(`${GRANTS_ISSUER}/introspect`);
  });

  it('describes an active refresh token, with or without the hint', async () => {
    const { refresh_token } = await h.tokensFor('rp-1');
    for (const hint of [{} as Record<string, string>, { token_type_hint: 'refresh_token' }, { token_type_hint: 'access_token' }, { token_type_hint: 'unknown_hint' }]) {
      expect(await (await introspect({ token: refresh_token, ...hint })).json() as any).toEqual({
        active: true,
        scope: 'openid profile email',
        client_id: 'rp-1',
        sub: 'alice',
        exp: expect.any(Number),
        iat: expect.any(Number),
        iss: GRANTS_ISSUER,
        token_type: 'refresh_token',
      });
    }
  });

  it('answers only active:false for other clients’ tokens, spent, revoked and unknown tokens', async () => {
    const tokens = await h.tokensFor('rp-1');
    expect(await (await introspect({ token: tokens.access_token }, 'rp-2')).json() as any).toEqual({ active: false });
    expect(await (await introspect({ token: tokens.refresh_token }, 'rp-2')).json() as any).toEqual({ active: false });
    expect(await (await introspect({ token: 'unknown' })).json() as any).toEqual({ active: false });
    expect(await (await introspect({ token: 'a.b.c' })).json() as any).toEqual({ active: false });
    expect(await (await introspect({ token: tokens.id_token })).json() as any).toEqual({ active: false });
    await h.post('/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await (await introspect({ token: tokens.refresh_token })).json() as any).toEqual({ active: false });
    await h.post('/revoke', { token: tokens.access_token });
    expect(await (await introspect({ token: tokens.access_token })).json() as any).toEqual({ active: false });
  });

  it('requires client authentication and token', async () => {
    const anonymous = await introspect({ token: 'x' }, null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json() as any).error).toBe('invalid_client');
    const missing = await introspect({});
    expect(missing.status).toBe(400);
    expect(await missing.json() as any).toEqual({ error: 'invalid_request', error_description: 'missing required parameter token' });
  });
});
