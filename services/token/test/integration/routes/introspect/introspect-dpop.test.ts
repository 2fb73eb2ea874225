import { startGrantsHarness, type GrantsHarness } from '../../../support/grants-harness.ts';
import { dpopKey, type DpopTestKey } from '../../../support/dpop-keys.ts';
import { dpopTokensFor } from '../../../support/dpop-tokens-for.ts';

let h: GrantsHarness;
let key: DpopTestKey;

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addUser('alice', { name: 'Alice' });
  key = await dpopKey('ES256');
});
afterAll(() => h.close());

describe('POST /introspect of DPoP-bound tokens (RFC 9449 §6.2)', () => {
  it('reports token_type DPoP and cnf.jkt of an access token', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    const body = (await (await h.post('/introspect', { token: access_token })).json()) as any;
    expect(body).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: key.jkt } });
  });

  it('reports cnf.jkt of a bound refresh token', async () => {
    const { refresh_token } = await dpopTokensFor(h, 'rp-1', key);
    const body = (await (await h.post('/introspect', { token: refresh_token })).json()) as any;
    expect(body).toMatchObject({ active: true, token_type: 'refresh_token', cnf: { jkt: key.jkt } });
  });

  it('reports a bearer token as Bearer with no cnf', async () => {
    const { access_token } = await h.tokensFor('rp-1');
    const body = (await (await h.post('/introspect', { token: access_token })).json()) as any;
    expect(body.token_type).toBe('Bearer');
    expect(body).not.toHaveProperty('cnf');
  });
});
