import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, jwtVerify, type JWK } from 'jose';
import { createClientKeySets } from '../../../src/client-auth/client-key-sets.ts';
import type { ClientRecord } from '../../../src/domain/clients/client-record.ts';

// A client's jwks_uri, fetched through the outbound guard, cached, and fetched again when a JWT names
// a kid the cached set lacks (key rotation) or a certificate is missing from it.
let server: Server;
let served: JWK[] = [];
let fetches = 0;
let jwksUri: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (): ClientRecord => ({
  clientId: 'remote',
  clientSecretHash: null,
  issuedAt: new Date(),
  metadata: { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: jwksUri, grant_types: [], backchannel_user_code_parameter: false, id_token_signed_response_alg: 'RS256' },
});

async function key(kid: string) {
  const pair = await generateKeyPair('ES256', { extractable: true });
  return { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256' } };
}

describe('createClientKeySets with a jwks_uri', () => {
  it('caches the set, and refetches it for an unknown kid once the cooldown allows', async () => {
    const [k1, k2] = await Promise.all([key('k1'), key('k2')]);
    served = [k1.jwk];
    fetches = 0;
    const sets = createClientKeySets({ production: false, cooldownMs: 0 });
    const resolver = sets.forClient(client())!;
    const sign = (k: typeof k1) => new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: k.jwk.kid! }).sign(k.privateKey);
    await jwtVerify(await sign(k1), resolver);
    await jwtVerify(await sign(k1), resolver);
    expect(fetches).toBe(1);
    served = [k2.jwk]; // rotated
    await expect(jwtVerify(await sign(k2), resolver)).resolves.toBeDefined();
    expect(fetches).toBe(2);
  });

  it('keySetOf refetches for a missing certificate only when asked and outside the cooldown', async () => {
    const k1 = await key('c1');
    served = [k1.jwk];
    fetches = 0;
    const cooling = createClientKeySets({ production: false });
    expect(await cooling.keySetOf(client())).toEqual({ keys: [k1.jwk] });
    served = [];
    expect(await cooling.keySetOf(client(), { refresh: true })).toEqual({ keys: [k1.jwk] });
    expect(fetches).toBe(1);
    const eager = createClientKeySets({ production: false, cooldownMs: 0 });
    served = [k1.jwk];
    await eager.keySetOf(client());
    served = [];
    expect(await eager.keySetOf(client(), { refresh: true })).toEqual({ keys: [] });
    expect(fetches).toBe(3);
  });
});
