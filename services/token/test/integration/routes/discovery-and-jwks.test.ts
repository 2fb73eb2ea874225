import { createLocalJWKSet, jwtVerify } from 'jose';
import { providerMetadata } from '@ciba/contracts/api/discovery';
import { startTokenHarness, type TokenHarness } from '../../support/token-harness.ts';
import { readJson } from '../../support/read-json.ts';

let h: TokenHarness;
beforeAll(async () => {
  h = await startTokenHarness();
});
afterAll(async () => {
  await h.close();
});

describe('GET /.well-known/openid-configuration', () => {
  it('answers the provider metadata as JSON', async () => {
    const res = await h.fetch('/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await readJson(res);
    expect(providerMetadata.parse(body)).toEqual(body);
    expect(body.issuer).toBe(h.config.issuer);
    expect(body.jwks_uri).toBe(`${h.config.issuer}/jwks`);
  });

  it('advertises the DPoP proof algorithms (RFC 9449 §5.1)', async () => {
    const body = await readJson(await h.fetch('/.well-known/openid-configuration'));
    expect(body.dpop_signing_alg_values_supported).toEqual(['ES256', 'PS256', 'RS256', 'EdDSA']);
  });
});

describe('GET /jwks', () => {
  it('serves the public keys as a JWK Set that verifies our tokens', async () => {
    const res = await h.fetch('/jwks');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    const jwks = await readJson(res);
    expect(jwks.keys.map((k: { alg: string }) => k.alg).sort()).toEqual(['ES256', 'ES256', 'PS256', 'PS256', 'RS256', 'RS256']); // active and next
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
    const jwt = await h.keys.sign({ iss: h.config.issuer, sub: 'alice' }, { alg: 'PS256' });
    expect((await jwtVerify(jwt, createLocalJWKSet(jwks), { issuer: h.config.issuer })).payload.sub).toBe('alice');
  });
});
