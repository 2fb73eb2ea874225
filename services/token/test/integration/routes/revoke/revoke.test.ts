import { decodeJwt } from 'jose';
import { sha256 } from '@ciba/service-kit';
import { startGrantsHarness, GRANTS_ISSUER, type GrantsHarness } from '../../../support/grants-harness.ts';

let h: GrantsHarness;

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addClient({ client_id: 'rp-2' });
  h.directory.addUser('alice', { name: 'Alice' });
});
afterAll(() => h.close());

const revoke = (form: Record<string, string>, clientId: string | null = 'rp-1') => h.post('/revoke', form, clientId);

describe('POST /revoke', () => {
  it('revokes a refresh token and every token of its family', async () => {
    const first = await h.tokensFor('rp-1');
    const second = await (await h.post('/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json() as any;
    const res = await revoke({ token: second.refresh_token, token_type_hint: 'refresh_token' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(h.directory.endpoints.at(-1)).toBe(`${GRANTS_ISSUER}/revoke`);
    const { familyId } = await h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(second.refresh_token) } });
    expect(await h.db.refreshToken.count({ where: { familyId, revokedAt: null } })).toBe(0);
    const refused = await h.post('/token', { grant_type: 'refresh_token', refresh_token: second.refresh_token });
    expect((await refused.json() as any).error).toBe('invalid_grant');
  });

  it('revokes an access token by its jti until it expires', async () => {
    const { access_token } = await h.tokensFor('rp-1');
    expect((await revoke({ token: access_token })).status).toBe(200);
    const { jti, exp } = decodeJwt(access_token);
    expect(await h.db.revokedAccessToken.findUniqueOrThrow({ where: { jti: jti! } })).toMatchObject({ expiresAt: new Date(exp! * 1000) });
    expect((await revoke({ token: access_token })).status).toBe(200);
  });

  it('answers 200 and changes nothing for other clients’ and unknown tokens, whatever the hint', async () => {
    const tokens = await h.tokensFor('rp-1');
    expect((await revoke({ token: tokens.refresh_token }, 'rp-2')).status).toBe(200);
    expect((await revoke({ token: tokens.access_token }, 'rp-2')).status).toBe(200);
    expect((await revoke({ token: 'unknown', token_type_hint: 'no_such_type' })).status).toBe(200);
    expect(await h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(tokens.refresh_token) } })).toMatchObject({ revokedAt: null });
    expect(await h.db.revokedAccessToken.count({ where: { jti: decodeJwt(tokens.access_token).jti! } })).toBe(0);
  });

  it('requires client authentication and token', async () => {
    expect((await revoke({ token: 'x' }, null)).status).toBe(401);
    const missing = await revoke({});
    expect(missing.status).toBe(400);
    expect(await missing.json() as any).toEqual({ error: 'invalid_request', error_description: 'missing required parameter token' });
  });
});
