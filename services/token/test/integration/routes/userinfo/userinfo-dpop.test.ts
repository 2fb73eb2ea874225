import { createHash } from 'node:crypto';
import { GRANTS_ISSUER, startGrantsHarness, type GrantsHarness } from '../../../support/grants-harness.ts';
import { dpopKey, dpopProof, type DpopTestKey } from '../../../support/dpop-keys.ts';
import { dpopTokensFor } from '../../../support/dpop-tokens-for.ts';

const HTU = `${GRANTS_ISSUER}/userinfo`;
const ALGS = 'algs="ES256 PS256 RS256 EdDSA"';
const ath = (token: string) => createHash('sha256').update(token).digest('base64url');
let h: GrantsHarness;
let key: DpopTestKey;

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addUser('alice', { name: 'Alice' });
  key = await dpopKey('ES256');
});
afterAll(() => h.close());

const userinfo = (headers: Record<string, string>, method = 'GET') => fetch(`${h.url}/userinfo`, { method, headers });
const dpopGet = async (token: string, k = key, extra: { htm?: string; ath?: string; nonce?: string } = {}) =>
  userinfo({ authorization: `DPoP ${token}`, DPoP: await dpopProof(k, { htm: extra.htm ?? 'GET', htu: HTU, ath: extra.ath ?? ath(token), nonce: extra.nonce }) });

async function expectChallenge(res: Response, error: string, description: string) {
  expect({ status: res.status, body: (await res.json()) as any }).toEqual({ status: 401, body: { error, error_description: description } });
  expect(res.headers.get('www-authenticate')).toBe(`DPoP realm="ciba", error="${error}", error_description="${description}", ${ALGS}`);
}

describe('GET|POST /userinfo with DPoP (RFC 9449 §7)', () => {
  it('answers a DPoP-bound token sent as Authorization: DPoP with a proof by its key', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    const res = await dpopGet(access_token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: 'alice', name: 'Alice' });
  });

  it('takes POST with a proof whose htm is POST', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    const res = await userinfo({ authorization: `DPoP ${access_token}`, DPoP: await dpopProof(key, { htm: 'POST', htu: HTU, ath: ath(access_token) }) }, 'POST');
    expect(res.status).toBe(200);
  });

  it('refuses a DPoP-bound token sent as Bearer: 401 with a DPoP challenge', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    await expectChallenge(await userinfo({ authorization: `Bearer ${access_token}` }), 'invalid_token', 'DPoP-bound access token must be sent with the DPoP authorization scheme');
  });

  it('refuses the DPoP scheme without a proof', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    await expectChallenge(await userinfo({ authorization: `DPoP ${access_token}` }), 'invalid_dpop_proof', 'a DPoP proof is required with a DPoP-bound access token');
  });

  it('refuses a proof whose ath is not the hash of the token', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    await expectChallenge(await dpopGet(access_token, key, { ath: ath('another token') }), 'invalid_dpop_proof', 'DPoP proof ath does not match the access token');
  });

  it('refuses a proof made for the token endpoint (htu) or another method (htm)', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    const wrongHtu = await userinfo({ authorization: `DPoP ${access_token}`, DPoP: await dpopProof(key, { htm: 'GET', htu: `${GRANTS_ISSUER}/token`, ath: ath(access_token) }) });
    await expectChallenge(wrongHtu, 'invalid_dpop_proof', 'DPoP proof htu does not match the endpoint');
    await expectChallenge(await dpopGet(access_token, key, { htm: 'POST' }), 'invalid_dpop_proof', 'DPoP proof htm does not match the request method');
  });

  it('refuses a proof by another key than the token is bound to', async () => {
    const { access_token } = await dpopTokensFor(h, 'rp-1', key);
    await expectChallenge(await dpopGet(access_token, await dpopKey('ES256')), 'invalid_token', 'DPoP proof key does not match the access token binding');
  });

  it('refuses a bearer (unbound) token in the DPoP scheme', async () => {
    const { access_token } = await h.tokensFor('rp-1');
    await expectChallenge(await dpopGet(access_token), 'invalid_token', 'access token is not DPoP-bound');
  });

  it('answers an invalid token in the DPoP scheme with a DPoP challenge', async () => {
    await expectChallenge(await dpopGet('not.a.token'), 'invalid_token', 'access token is invalid');
  });

  it('still serves a bearer token as Bearer', async () => {
    const { access_token } = await h.tokensFor('rp-1');
    expect((await userinfo({ authorization: `Bearer ${access_token}` })).status).toBe(200);
  });
});

describe('/userinfo with DPOP_REQUIRE_NONCE=true (RFC 9449 §9)', () => {
  let n: GrantsHarness;
  beforeAll(async () => {
    n = await startGrantsHarness({ DPOP_REQUIRE_NONCE: 'true' });
    n.directory.addClient({ client_id: 'rp-1' });
    n.directory.addUser('alice', { name: 'Alice' });
  });
  afterAll(() => n.close());

  it('challenges a proof without nonce with 401 use_dpop_nonce and DPoP-Nonce; the retry with it is served', async () => {
    const first = await n.post('/token', { grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: 'x' }, 'rp-1', { DPoP: await dpopProof(key, { htu: `${GRANTS_ISSUER}/token` }) });
    const tokenNonce = first.headers.get('dpop-nonce')!;
    const { access_token } = await dpopTokensFor(n, 'rp-1', key, tokenNonce);
    const get = async (nonce?: string) =>
      fetch(`${n.url}/userinfo`, { headers: { authorization: `DPoP ${access_token}`, DPoP: await dpopProof(key, { htm: 'GET', htu: HTU, ath: ath(access_token), nonce }) } });
    const challenged = await get();
    const nonce = challenged.headers.get('dpop-nonce');
    expect(nonce).toBe(tokenNonce);
    await expectChallenge(challenged, 'use_dpop_nonce', 'DPoP proof must carry the server nonce');
    const res = await get(nonce!);
    expect(res.status).toBe(200);
    expect(res.headers.get('dpop-nonce')).toBe(nonce);
  });
});
