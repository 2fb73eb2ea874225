import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminCall } from '../../support/ciba-fixture.ts';
import { assertionClaims, assertionForm, CERT_HEADER, CIBA_GRANT, clientKey, MTLS_TEST_ENV, postForm, register, signJwt } from '../../support/mtls-fixture.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { issueClientCertificate, selfSignedCertificate, testCa, type TestCertificate } from '../../support/test-certificates.ts';

// Client authentication methods over real HTTP, at each endpoint where clients authenticate:
// client_secret_jwt, private_key_jwt (FAPI and not), tls_client_auth and self_signed_tls_client_auth
// (RFC 8705 §2) with the certificate forwarded by the trusted ingress (127.0.0.1), assertion replays.

let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let ca: TestCertificate;
const secret = (text: string) => ({ privateKey: new TextEncoder().encode(text), alg: 'HS256' });

const unauthorized = (description: string) => ({ status: 401, body: { error: 'invalid_client', error_description: description } });
const introspect = (form: Record<string, string>, certificate?: TestCertificate) => postForm(system, '/introspect', { token: 'unknown-token', ...form }, { certificate });

beforeAll(async () => {
  system = await startTestSystem(MTLS_TEST_ENV);
  prompts = await startPromptReceiver();
  expect((await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], channels: [{ type: 'webhook', url: prompts.url }] })).status).toBe(200);
  ca = await testCa();
}, 60_000);

afterAll(async () => {
  await prompts?.close();
  await system?.dispose();
});

describe('client_secret_jwt (OIDC Core §9)', () => {
  let clientId: string;
  let clientSecret: string;
  beforeAll(async () => {
    const r = await register(system, { token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'HS256' });
    expect(r.status).toBe(201);
    ({ client_id: clientId, client_secret: clientSecret } = r.body);
  });

  it('authenticates at /introspect, /revoke, /token and /bc-authorize; the issuer or the endpoint URL as aud', async () => {
    const jwt = (aud: string) => signJwt(assertionClaims(clientId, aud), secret(clientSecret));
    expect(await introspect(assertionForm(await jwt(system.issuer)))).toMatchObject({ status: 200, body: { active: false } });
    expect(await postForm(system, '/revoke', { token: 'x', ...assertionForm(await jwt(`${system.issuer}/revoke`)) })).toMatchObject({ status: 200 });
    expect(await postForm(system, '/token', { grant_type: CIBA_GRANT, auth_req_id: 'unknown', ...assertionForm(await jwt(`${system.issuer}/token`)) })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const started = await postForm(system, '/bc-authorize', { scope: 'openid', login_hint: 'alice@example.com', ...assertionForm(await jwt(system.issuer)) });
    expect(started).toMatchObject({ status: 200, body: { auth_req_id: expect.any(String) } });
  });

  it('refuses a replayed assertion, at the same endpoint or another one', async () => {
    const jwt = await signJwt(assertionClaims(clientId, system.issuer), secret(clientSecret));
    expect(await introspect(assertionForm(jwt))).toMatchObject({ status: 200 });
    expect(await introspect(assertionForm(jwt))).toMatchObject(unauthorized('client assertion has already been used'));
    expect(await postForm(system, '/revoke', { token: 'x', ...assertionForm(jwt) })).toMatchObject(unauthorized('client assertion has already been used'));
  });

  it('refuses a wrong secret, another HMAC alg than the registered one, and a missing jti or exp', async () => {
    expect(await introspect(assertionForm(await signJwt(assertionClaims(clientId, system.issuer), secret(`${clientSecret}x`))))).toMatchObject(unauthorized('client assertion is invalid'));
    const hs512 = { privateKey: new TextEncoder().encode(clientSecret), alg: 'HS512' };
    expect(await introspect(assertionForm(await signJwt(assertionClaims(clientId, system.issuer), hs512)))).toMatchObject(unauthorized('client assertion is invalid'));
    expect(await introspect(assertionForm(await signJwt(assertionClaims(clientId, system.issuer, { jti: undefined }), secret(clientSecret))))).toMatchObject(unauthorized('client assertion is invalid'));
    expect(await introspect(assertionForm(await signJwt(assertionClaims(clientId, system.issuer, { exp: undefined }), secret(clientSecret))))).toMatchObject(unauthorized('client assertion is invalid'));
  });

  it('refuses an HMAC assertion for a private_key_jwt client (no algorithm confusion)', async () => {
    const key = await clientKey('ES256');
    const r = await register(system, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.jwk] } });
    const jwt = await signJwt(assertionClaims(r.body.client_id, system.issuer), secret(clientSecret));
    expect(await introspect(assertionForm(jwt))).toMatchObject(unauthorized('client is registered for private_key_jwt, not client_secret_jwt'));
  });
});

describe('private_key_jwt audience (RFC 7523bis) and replay', () => {
  it('a non-FAPI client may use the issuer, the token endpoint URL or the called endpoint; a replay is refused', async () => {
    const key = await clientKey('ES256');
    const { body } = await register(system, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.jwk] } });
    for (const aud of [system.issuer, [system.issuer, 'https://elsewhere.example'], `${system.issuer}/token`, `${system.issuer}/introspect`]) {
      expect(await introspect(assertionForm(await signJwt(assertionClaims(body.client_id, aud), key)))).toMatchObject({ status: 200 });
    }
    expect(await introspect(assertionForm(await signJwt(assertionClaims(body.client_id, 'https://other-op.example'), key)))).toMatchObject(unauthorized('client assertion is invalid'));
    const jwt = await signJwt(assertionClaims(body.client_id, system.issuer), key);
    expect(await introspect(assertionForm(jwt))).toMatchObject({ status: 200 });
    expect(await introspect(assertionForm(jwt))).toMatchObject(unauthorized('client assertion has already been used'));
  });

  it('a FAPI client must send the issuer identifier alone, as a string, signed PS256 or ES256', async () => {
    const key = await clientKey('ES256');
    const rsa = await clientKey('RS256');
    const certificate = await selfSignedCertificate();
    const { status, body } = await register(system, {
      security_profile: 'fapi-ciba',
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.jwk, rsa.jwk] },
      backchannel_authentication_request_signing_alg: 'ES256',
      tls_client_certificate_bound_access_tokens: true,
    });
    expect(status).toBe(201);
    const call = async (aud: unknown, k = key) => introspect(assertionForm(await signJwt(assertionClaims(body.client_id, aud as string), k)), certificate);
    expect(await call(system.issuer)).toMatchObject({ status: 200 });
    expect(await call([system.issuer])).toMatchObject(unauthorized('client assertion aud must be the issuer identifier, as a single string'));
    expect(await call(`${system.issuer}/token`)).toMatchObject(unauthorized('client assertion is invalid'));
    expect(await call(`${system.issuer}/introspect`)).toMatchObject(unauthorized('client assertion is invalid'));
    expect(await call(system.issuer, rsa)).toMatchObject(unauthorized('client assertion is invalid'));
  });
});

describe('tls_client_auth (RFC 8705 §2.1)', () => {
  let dnClient: string;
  let sanClient: string;
  let dnCertificate: TestCertificate;
  beforeAll(async () => {
    dnCertificate = await issueClientCertificate(ca, 'CN=rp-one,OU=Payments,O=Test Bank,C=GB');
    const dn = await register(system, { token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: 'CN=rp-one,OU=Payments,O=Test Bank,C=GB' });
    expect(dn).toMatchObject({ status: 201, body: { tls_client_auth_subject_dn: 'CN=rp-one, OU=Payments, O=Test Bank, C=GB' } });
    expect(dn.body).not.toHaveProperty('client_secret');
    dnClient = dn.body.client_id;
    const san = await register(system, { token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_san_dns: 'rp-two.example' });
    expect(san.status).toBe(201);
    sanClient = san.body.client_id;
  });

  it('authenticates by subject DN at /introspect, /revoke, /token and /bc-authorize', async () => {
    expect(await introspect({ client_id: dnClient }, dnCertificate)).toMatchObject({ status: 200 });
    expect(await postForm(system, '/revoke', { client_id: dnClient, token: 'x' }, { certificate: dnCertificate })).toMatchObject({ status: 200 });
    expect(await postForm(system, '/token', { client_id: dnClient, grant_type: CIBA_GRANT, auth_req_id: 'unknown' }, { certificate: dnCertificate })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await postForm(system, '/bc-authorize', { client_id: dnClient, scope: 'openid', login_hint: 'alice@example.com' }, { certificate: dnCertificate })).toMatchObject({ status: 200 });
  });

  it('refuses another subject, no certificate, and a certificate of another client', async () => {
    const other = await issueClientCertificate(ca, 'CN=rp-one-impostor,OU=Payments,O=Test Bank,C=GB');
    expect(await introspect({ client_id: dnClient }, other)).toMatchObject(unauthorized('client certificate subject does not match tls_client_auth_subject_dn'));
    expect(await introspect({ client_id: dnClient })).toMatchObject(unauthorized('client authentication is required'));
    expect(await introspect({ client_id: sanClient }, dnCertificate)).toMatchObject(unauthorized('client certificate does not carry the registered tls_client_auth_san_dns'));
  });

  it('authenticates by a dNSName SAN', async () => {
    const withSan = await issueClientCertificate(ca, 'CN=anything', [{ type: 'dns', value: 'rp-two.example' }]);
    expect(await introspect({ client_id: sanClient }, withSan)).toMatchObject({ status: 200 });
  });

  it('ignores the certificate header from a peer outside MTLS_TRUSTED_PROXIES', async () => {
    const body = new URLSearchParams({ client_id: dnClient, token: 'x' }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', [CERT_HEADER]: dnCertificate.header };
    // The same request from the trusted 127.0.0.1, then from 127.0.0.2 (loopback, not trusted).
    expect(await postFrom('127.0.0.1', '/introspect', headers, body)).toMatchObject({ status: 200 });
    expect(await postFrom('127.0.0.2', '/introspect', headers, body)).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'client authentication is required' },
    });
  });
});

/** A POST from a chosen local address (node:http; fetch cannot bind one). */
function postFrom(localAddress: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, system.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('self_signed_tls_client_auth (RFC 8705 §2.2)', () => {
  it('authenticates with a certificate registered in jwks (x5c), refuses any other', async () => {
    const certificate = await selfSignedCertificate('CN=self-rp');
    const { status, body } = await register(system, { token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: { keys: [certificate.jwk] } });
    expect(status).toBe(201);
    expect(await introspect({ client_id: body.client_id }, certificate)).toMatchObject({ status: 200 });
    expect(await postForm(system, '/token', { client_id: body.client_id, grant_type: CIBA_GRANT, auth_req_id: 'unknown' }, { certificate })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const stranger = await selfSignedCertificate('CN=self-rp');
    expect(await introspect({ client_id: body.client_id }, stranger)).toMatchObject(unauthorized('client certificate is not one of the registered certificates'));
  });

  it('authenticates with a certificate published at the jwks_uri', async () => {
    const certificate = await selfSignedCertificate('CN=remote-self-rp');
    const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [certificate.jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
      const { status, body } = await register(system, { token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks_uri: jwksUri });
      expect(status).toBe(201);
      expect(await introspect({ client_id: body.client_id }, certificate)).toMatchObject({ status: 200 });
      expect(await introspect({ client_id: body.client_id }, await selfSignedCertificate('CN=remote-self-rp'))).toMatchObject(
        unauthorized('client certificate is not one of the registered certificates'),
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses registration with keys that carry no certificate, and an x5c of another key', async () => {
    const key = await clientKey('ES256');
    expect(await register(system, { token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: { keys: [key.jwk] } })).toMatchObject({
      status: 400,
      body: { error: 'invalid_client_metadata', error_description: 'self_signed_tls_client_auth requires a key with the certificate (x5c) in jwks' },
    });
    const certificate = await selfSignedCertificate();
    expect(await register(system, { token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: { keys: [{ ...key.jwk, x5c: certificate.jwk.x5c }] } })).toMatchObject({
      status: 400,
      body: { error: 'invalid_client_metadata', error_description: 'jwks.keys[0].x5c must start with a certificate of this key' },
    });
  });
});
