import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { ClientCredentials } from '@ciba/contracts';
import { InvalidClient, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { sha256 } from '@ciba/service-kit';
import { CLIENT_ASSERTION_TYPE } from '../../../src/client-auth/client-assertion-type.ts';
import { createClientKeySets } from '../../../src/client-auth/client-key-sets.ts';
import { createClientAuthenticator, type AuthenticateClient } from '../../../src/client-auth/create-client-authenticator.ts';
import type { ClientMetadata, ClientRecord } from '../../../src/domain/clients/client-record.ts';
import { memoryAssertionJtis } from '../../support/memory-assertion-jtis.ts';

const ISSUER = 'https://op.example.test';
const TOKEN_ENDPOINT = `${ISSUER}/token`;
const BC_ENDPOINT = 'https://auth.example.test/bc-authorize';

const base: ClientMetadata = {
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['urn:openid:params:grant-type:ciba'],
  backchannel_token_delivery_mode: 'poll',
  backchannel_user_code_parameter: false,
  id_token_signed_response_alg: 'RS256',
};
const client = (clientId: string, metadata: Partial<ClientMetadata>, secret?: string): ClientRecord => ({
  clientId,
  clientSecretHash: secret ? sha256(secret) : null,
  metadata: { ...base, ...metadata },
  issuedAt: new Date(),
});
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

let privateKey: CryptoKey;
let otherKey: CryptoKey;
let publicJwk: JWK;
let jwksServer: Server;
let jwksUri: string;
let authenticate: AuthenticateClient;
let jtis: ReturnType<typeof memoryAssertionJtis>;

async function assertion(claims: Record<string, unknown>, options: { key?: CryptoKey; alg?: string; exp?: number | null } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ jti: crypto.randomUUID(), ...claims }).setProtectedHeader({ alg: options.alg ?? 'ES256', kid: 'k1' }).setIssuedAt(now);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now + 60);
  return jwt.sign(options.key ?? privateKey);
}
const jwtCreds = (jwt: string, extra: Partial<ClientCredentials> = {}): ClientCredentials => ({
  client_assertion_type: CLIENT_ASSERTION_TYPE,
  client_assertion: jwt,
  endpoint: TOKEN_ENDPOINT,
  ...extra,
});
const pkj = (sub = 'jwt-client') => ({ iss: sub, sub, aud: ISSUER });

beforeAll(async () => {
  ({ privateKey } = await generateKeyPair('ES256'));
  ({ privateKey: otherKey } = await generateKeyPair('ES256'));
  const pair = await generateKeyPair('ES256', { extractable: true });
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1' };
  privateKey = pair.privateKey;
  jwksServer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
});

beforeEach(() => {
  const clients = new Map<string, ClientRecord>([
    ['basic-client', client('basic-client', {}, 'basic-secret')],
    ['post-client', client('post-client', { token_endpoint_auth_method: 'client_secret_post' }, 'post-secret')],
    ['jwt-client', client('jwt-client', { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk as Record<string, unknown>] } })],
    ['rs-client', client('rs-client', { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS256', jwks: { keys: [publicJwk as Record<string, unknown>] } })],
    ['remote-client', client('remote-client', { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: jwksUri })],
  ]);
  jtis = memoryAssertionJtis();
  authenticate = createClientAuthenticator({
    findClient: async (id) => clients.get(id) ?? null,
    keySets: createClientKeySets({ production: false }),
    jtis,
    issuer: ISSUER,
    audiences: [TOKEN_ENDPOINT],
    endpointAudiences: true,
  });
});

async function expectError(credentials: ClientCredentials, type: typeof InvalidClient | typeof InvalidRequest, description: string) {
  const err = await authenticate(credentials).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(type);
  expect((err as Error).message).toBe(description);
}

describe('client_secret_basic', () => {
  it('authenticates with the right secret', async () => {
    expect((await authenticate({ authorization: basic('basic-client', 'basic-secret'), endpoint: TOKEN_ENDPOINT })).clientId).toBe('basic-client');
  });

  it('accepts a matching client_id in the body', async () => {
    const c = await authenticate({ authorization: basic('basic-client', 'basic-secret'), client_id: 'basic-client', endpoint: TOKEN_ENDPOINT });
    expect(c.clientId).toBe('basic-client');
  });

  it('rejects a wrong secret with a 401 Basic challenge', async () => {
    const err = (await authenticate({ authorization: basic('basic-client', 'nope'), endpoint: TOKEN_ENDPOINT }).catch((e: unknown) => e)) as InvalidClient;
    expect(err).toBeInstanceOf(InvalidClient);
    expect(err.status).toBe(401);
    expect(err.headers['WWW-Authenticate']).toMatch(/^Basic /);
    expect(err.message).toBe('client authentication failed');
  });

  it('rejects an unknown client like a wrong secret', async () => {
    await expectError({ authorization: basic('ghost', 'basic-secret'), endpoint: TOKEN_ENDPOINT }, InvalidClient, 'client authentication failed');
  });

  it('rejects a body client_id that differs from the header', async () => {
    await expectError(
      { authorization: basic('basic-client', 'basic-secret'), client_id: 'post-client', endpoint: TOKEN_ENDPOINT },
      InvalidRequest,
      'client_id does not match the authorization header',
    );
  });

  it('rejects a client registered for client_secret_post', async () => {
    await expectError(
      { authorization: basic('post-client', 'post-secret'), endpoint: TOKEN_ENDPOINT },
      InvalidClient,
      'client is registered for client_secret_post, not client_secret_basic',
    );
  });
});

describe('client_secret_post', () => {
  it('authenticates with the right secret', async () => {
    expect((await authenticate({ client_id: 'post-client', client_secret: 'post-secret', endpoint: TOKEN_ENDPOINT })).clientId).toBe('post-client');
  });

  it('rejects a wrong secret', async () => {
    await expectError({ client_id: 'post-client', client_secret: 'x', endpoint: TOKEN_ENDPOINT }, InvalidClient, 'client authentication failed');
  });

  it('rejects a client registered for client_secret_basic', async () => {
    await expectError(
      { client_id: 'basic-client', client_secret: 'basic-secret', endpoint: TOKEN_ENDPOINT },
      InvalidClient,
      'client is registered for client_secret_basic, not client_secret_post',
    );
  });

  it('requires client_id', async () => {
    await expectError({ client_secret: 'post-secret', endpoint: TOKEN_ENDPOINT }, InvalidClient, 'client_id is required');
  });
});

describe('method selection', () => {
  it('rejects two methods in one request with invalid_request', async () => {
    await expectError(
      { authorization: basic('basic-client', 'basic-secret'), client_id: 'basic-client', client_secret: 'basic-secret', endpoint: TOKEN_ENDPOINT },
      InvalidRequest,
      'only one client authentication method may be used',
    );
  });

  it('rejects a secret together with an assertion', async () => {
    await expectError(
      jwtCreds(await assertion(pkj()), { client_id: 'jwt-client', client_secret: 'x' }),
      InvalidRequest,
      'only one client authentication method may be used',
    );
  });

  it('rejects a request without client authentication', async () => {
    await expectError({ client_id: 'post-client', endpoint: TOKEN_ENDPOINT }, InvalidClient, 'client authentication is required');
  });

  it('ignores a bearer Authorization header', async () => {
    const c = await authenticate({ authorization: 'Bearer abc', client_id: 'post-client', client_secret: 'post-secret', endpoint: TOKEN_ENDPOINT });
    expect(c.clientId).toBe('post-client');
  });
});

describe('private_key_jwt', () => {
  it('authenticates with an assertion for the issuer', async () => {
    expect((await authenticate(jwtCreds(await assertion(pkj())))).clientId).toBe('jwt-client');
  });

  it.each([TOKEN_ENDPOINT, BC_ENDPOINT])('accepts aud %s when it is the called endpoint or the token endpoint', async (aud) => {
    const c = await authenticate(jwtCreds(await assertion({ ...pkj(), aud }), { endpoint: BC_ENDPOINT }));
    expect(c.clientId).toBe('jwt-client');
  });

  it('accepts an aud array containing the issuer', async () => {
    expect((await authenticate(jwtCreds(await assertion({ ...pkj(), aud: ['https://other', ISSUER] })))).clientId).toBe('jwt-client');
  });

  it('verifies with keys fetched from jwks_uri', async () => {
    expect((await authenticate(jwtCreds(await assertion(pkj('remote-client'))))).clientId).toBe('remote-client');
  });

  it('rejects a replayed jti', async () => {
    const jwt = await assertion(pkj());
    await authenticate(jwtCreds(jwt));
    await expectError(jwtCreds(jwt), InvalidClient, 'client assertion has already been used');
  });

  it('records the jti only for a valid assertion', async () => {
    await authenticate(jwtCreds(await assertion({ ...pkj(), aud: 'https://elsewhere' }))).catch(() => undefined);
    expect(jtis.size()).toBe(0);
  });

  it('rejects a wrong aud', async () => {
    await expectError(jwtCreds(await assertion({ ...pkj(), aud: 'https://elsewhere' })), InvalidClient, 'client assertion is invalid');
  });

  it('rejects the backchannel endpoint as aud when another endpoint is called', async () => {
    await expectError(jwtCreds(await assertion({ ...pkj(), aud: BC_ENDPOINT })), InvalidClient, 'client assertion is invalid');
  });

  it('rejects an expired assertion', async () => {
    await expectError(jwtCreds(await assertion(pkj(), { exp: Math.floor(Date.now() / 1000) - 60 })), InvalidClient, 'client assertion is invalid');
  });

  it('rejects an assertion without exp', async () => {
    await expectError(jwtCreds(await assertion(pkj(), { exp: null })), InvalidClient, 'client assertion is invalid');
  });

  it('rejects an assertion without jti', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ ...pkj() }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime(now + 60).sign(privateKey);
    await expectError(jwtCreds(jwt), InvalidClient, 'client assertion is invalid');
  });

  it('rejects iss different from sub', async () => {
    await expectError(jwtCreds(await assertion({ ...pkj(), iss: 'someone' })), InvalidClient, 'client assertion is invalid');
  });

  it('rejects a signature by another key', async () => {
    await expectError(jwtCreds(await assertion(pkj(), { key: otherKey })), InvalidClient, 'client assertion is invalid');
  });

  it('rejects an alg other than the registered token_endpoint_auth_signing_alg', async () => {
    await expectError(jwtCreds(await assertion(pkj('rs-client'))), InvalidClient, 'client assertion is invalid');
  });

  it('rejects a wrong client_assertion_type', async () => {
    await expectError(jwtCreds(await assertion(pkj()), { client_assertion_type: 'urn:x' }), InvalidClient, 'client_assertion_type is not supported');
  });

  it('rejects a body client_id other than the assertion sub', async () => {
    await expectError(jwtCreds(await assertion(pkj()), { client_id: 'post-client' }), InvalidClient, 'client_id does not match the client assertion');
  });

  it('rejects an assertion that is not a JWT', async () => {
    await expectError(jwtCreds('not-a-jwt'), InvalidClient, 'client assertion is invalid');
  });

  it('rejects an assertion for a secret client', async () => {
    await expectError(
      jwtCreds(await assertion(pkj('basic-client'))),
      InvalidClient,
      'client is registered for client_secret_basic, not private_key_jwt',
    );
  });

  it('rejects a secret for a private_key_jwt client', async () => {
    await expectError({ authorization: basic('jwt-client', 'x'), endpoint: TOKEN_ENDPOINT }, InvalidClient, 'client is registered for private_key_jwt, not client_secret_basic');
  });
});
