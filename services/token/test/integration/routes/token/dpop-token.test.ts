import { decodeJwt } from 'jose';
import { sha256 } from '@ciba/service-kit';
import { GRANTS_ISSUER, startGrantsHarness, type GrantsHarness } from '../../../support/grants-harness.ts';
import { dpopKey, dpopProof, type DpopTestKey } from '../../../support/dpop-keys.ts';

const HTU = `${GRANTS_ISSUER}/token`;
const CIBA = 'urn:openid:params:grant-type:ciba';
let h: GrantsHarness;
let key: DpopTestKey;

beforeAll(async () => {
  h = await startGrantsHarness();
  h.directory.addClient({ client_id: 'rp-1' });
  h.directory.addClient({ client_id: 'rp-bound', dpop_bound_access_tokens: true });
  h.directory.addUser('alice', { name: 'Alice' });
  key = await dpopKey('ES256');
});
afterAll(() => h.close());

async function expectError(res: Response, status: number, error: string, description: string) {
  expect({ status: res.status, body: (await res.json()) as any }).toEqual({ status, body: { error, error_description: description } });
}

/** Redeems a fresh approved grant of `clientId`, with a proof by `k` unless null. */
async function redeem(clientId: string, k: DpopTestKey | null) {
  const { authReqId, request } = h.newRequest({ client_id: clientId });
  await h.seedGrant(request, { status: 'approved' });
  const headers = k ? { DPoP: await dpopProof(k, { htu: HTU }) } : undefined;
  return h.post('/token', { grant_type: CIBA, auth_req_id: authReqId }, clientId, headers);
}
const refresh = async (refreshToken: string, k: DpopTestKey | null, clientId = 'rp-1') =>
  h.post('/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, clientId, k ? { DPoP: await dpopProof(k, { htu: HTU }) } : undefined);

describe('POST /token with a DPoP proof (RFC 9449 §5)', () => {
  it('CIBA grant: binds the access token (cnf.jkt, token_type DPoP) and the refresh token to the proof key', async () => {
    const res = await redeem('rp-1', key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.token_type).toBe('DPoP');
    expect(decodeJwt(body.access_token).cnf).toEqual({ jkt: key.jkt });
    const stored = await h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(body.refresh_token) } });
    expect(stored.dpopJkt).toBe(key.jkt);
    expect(res.headers.get('dpop-nonce')).toBeNull();
  });

  it('CIBA grant without a proof: a Bearer token with no cnf, an unbound refresh token', async () => {
    const body = (await (await redeem('rp-1', null)).json()) as any;
    expect(body.token_type).toBe('Bearer');
    expect(decodeJwt(body.access_token)).not.toHaveProperty('cnf');
    expect((await h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(body.refresh_token) } })).dpopJkt).toBeNull();
  });

  it('refresh of a bound token: same key rotates and keeps the binding', async () => {
    const first = (await (await redeem('rp-1', key)).json()) as any;
    const res = await refresh(first.refresh_token, key);
    expect(res.status).toBe(200);
    const second = (await res.json()) as any;
    expect(second.token_type).toBe('DPoP');
    expect(decodeJwt(second.access_token).cnf).toEqual({ jkt: key.jkt });
    expect((await h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(second.refresh_token) } })).dpopJkt).toBe(key.jkt);
  });

  it('refresh of a bound token without a proof: invalid_dpop_proof, the token stays usable', async () => {
    const first = (await (await redeem('rp-1', key)).json()) as any;
    await expectError(await refresh(first.refresh_token, null), 400, 'invalid_dpop_proof', 'a DPoP proof is required: refresh_token is DPoP-bound');
    expect((await refresh(first.refresh_token, key)).status).toBe(200);
  });

  it('refresh of a bound token with another key: invalid_grant', async () => {
    const first = (await (await redeem('rp-1', key)).json()) as any;
    await expectError(await refresh(first.refresh_token, await dpopKey('ES256')), 400, 'invalid_grant', 'refresh_token is bound to another DPoP key');
  });

  it('refresh of an unbound token with a proof: a DPoP access token, the refresh token stays unbound', async () => {
    const first = (await (await redeem('rp-1', null)).json()) as any;
    const second = (await (await refresh(first.refresh_token, key)).json()) as any;
    expect(second.token_type).toBe('DPoP');
    expect((await h.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: sha256(second.refresh_token) } })).dpopJkt).toBeNull();
  });

  it('dpop_bound_access_tokens: a token request without a proof is refused, one with a proof is served', async () => {
    await expectError(await redeem('rp-bound', null), 400, 'invalid_dpop_proof', 'a DPoP proof is required: the client is registered with dpop_bound_access_tokens');
    expect((await redeem('rp-bound', key)).status).toBe(200);
  });

  it('refuses an invalid proof with invalid_dpop_proof and Cache-Control no-store, before any redemption', async () => {
    const { authReqId, request } = h.newRequest();
    await h.seedGrant(request, { status: 'approved' });
    const bad = await dpopProof(key, { htu: `${GRANTS_ISSUER}/userinfo` });
    const res = await h.post('/token', { grant_type: CIBA, auth_req_id: authReqId }, 'rp-1', { DPoP: bad });
    expect(res.headers.get('cache-control')).toBe('no-store');
    await expectError(res, 400, 'invalid_dpop_proof', 'DPoP proof htu does not match the endpoint');
    expect((await h.db.cibaGrant.findUniqueOrThrow({ where: { requestId: request.request_id } })).status).toBe('approved');
  });

  it('refuses a replayed proof', async () => {
    const proof = await dpopProof(key, { htu: HTU });
    const first = h.newRequest();
    const second = h.newRequest();
    await h.seedGrant(first.request, { status: 'approved' });
    await h.seedGrant(second.request, { status: 'approved' });
    expect((await h.post('/token', { grant_type: CIBA, auth_req_id: first.authReqId }, 'rp-1', { DPoP: proof })).status).toBe(200);
    await expectError(await h.post('/token', { grant_type: CIBA, auth_req_id: second.authReqId }, 'rp-1', { DPoP: proof }), 400, 'invalid_dpop_proof', 'DPoP proof jti has been used before');
  });

  it('authenticates the client before looking at the proof', async () => {
    const res = await h.post('/token', { grant_type: CIBA, auth_req_id: 'x' }, null, { DPoP: 'garbage' });
    expect(res.status).toBe(401);
  });
});

describe('POST /token with DPOP_REQUIRE_NONCE=true (RFC 9449 §8)', () => {
  let n: GrantsHarness;
  beforeAll(async () => {
    n = await startGrantsHarness({ DPOP_REQUIRE_NONCE: 'true' });
    n.directory.addClient({ client_id: 'rp-1' });
    n.directory.addUser('alice', { name: 'Alice' });
  });
  afterAll(() => n.close());

  it('challenges a proof without nonce with use_dpop_nonce and DPoP-Nonce; the retry with it gets tokens and the nonce again', async () => {
    const { authReqId, request } = n.newRequest();
    await n.seedGrant(request, { status: 'approved' });
    const form = { grant_type: CIBA, auth_req_id: authReqId };
    const challenged = await n.post('/token', form, 'rp-1', { DPoP: await dpopProof(key, { htu: HTU }) });
    const nonce = challenged.headers.get('dpop-nonce');
    expect(nonce).toEqual(expect.any(String));
    await expectError(challenged, 400, 'use_dpop_nonce', 'DPoP proof must carry the server nonce');
    const res = await n.post('/token', form, 'rp-1', { DPoP: await dpopProof(key, { htu: HTU, nonce: nonce! }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('dpop-nonce')).toBe(nonce);
    expect(((await res.json()) as any).token_type).toBe('DPoP');
  });

  it('answers use_dpop_nonce to a nonce it never issued', async () => {
    const { authReqId, request } = n.newRequest();
    await n.seedGrant(request, { status: 'approved' });
    const res = await n.post('/token', { grant_type: CIBA, auth_req_id: authReqId }, 'rp-1', { DPoP: await dpopProof(key, { htu: HTU, nonce: 'forged' }) });
    await expectError(res, 400, 'use_dpop_nonce', 'DPoP proof nonce is invalid or has expired');
  });

  it('asks nothing of a request without a proof', async () => {
    const { authReqId, request } = n.newRequest();
    await n.seedGrant(request, { status: 'approved' });
    const res = await n.post('/token', { grant_type: CIBA, auth_req_id: authReqId }, 'rp-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('dpop-nonce')).toBeNull();
  });
});
