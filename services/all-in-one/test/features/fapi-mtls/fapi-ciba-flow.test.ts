import * as oauth from 'oauth4webapi';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { adminCall, decide, discover } from '../../support/ciba-fixture.ts';
import { CERT_HEADER, CIBA_GRANT, clientKey, MTLS_TEST_ENV, register } from '../../support/mtls-fixture.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { selfSignedCertificate, type TestCertificate } from '../../support/test-certificates.ts';

// FAPI-CIBA end to end through oauth4webapi: a client registered with security_profile fapi-ciba,
// private_key_jwt (PS256), signed authentication requests (PS256) and certificate-bound tokens; the
// ingress is played by the test, which forwards the client certificate from the trusted 127.0.0.1.

let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let as: oauth.AuthorizationServer;
let key: Awaited<ReturnType<typeof clientKey>>;
let certificate: TestCertificate;
let client: oauth.Client;
let clientAuth: oauth.ClientAuth;

/** oauth4webapi options: http allowed (loopback), and the ingress adding the client certificate. */
const via = (cert: TestCertificate | undefined) => ({
  [oauth.allowInsecureRequests]: true,
  [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<any, any>) => {
    const headers = new Headers(init.headers);
    if (cert) headers.set(CERT_HEADER, cert.header);
    return fetch(url, { ...init, headers } as RequestInit);
  },
});

async function startSignedRequest(): Promise<oauth.BackchannelAuthenticationResponse> {
  const request = await oauth.issueRequestObject(as, client, { scope: 'openid profile', login_hint: 'alice@example.com', binding_message: 'FAPI 1', requested_expiry: '120' }, { key: key.privateKey, kid: key.kid });
  const response = await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { request }, via(certificate));
  return oauth.processBackchannelAuthenticationResponse(as, client, response);
}

const grant = async (authReqId: string, cert: TestCertificate | undefined) =>
  oauth.processBackchannelAuthenticationGrantResponse(as, client, await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, authReqId, via(cert)));

beforeAll(async () => {
  system = await startTestSystem(MTLS_TEST_ENV);
  prompts = await startPromptReceiver();
  expect((await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [{ type: 'webhook', url: prompts.url }] })).status).toBe(200);
  as = await discover(system);
  key = await clientKey('PS256');
  certificate = await selfSignedCertificate('CN=fapi-rp');
  const registered = await register(system, {
    client_name: 'FAPI RP',
    security_profile: 'fapi-ciba',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'PS256',
    jwks: { keys: [key.jwk] },
    backchannel_token_delivery_mode: 'poll',
    backchannel_authentication_request_signing_alg: 'PS256',
    tls_client_certificate_bound_access_tokens: true,
    grant_types: [CIBA_GRANT, 'refresh_token'],
  });
  expect(registered.status).toBe(201);
  expect(registered.body).toMatchObject({ security_profile: 'fapi-ciba', id_token_signed_response_alg: 'PS256', tls_client_certificate_bound_access_tokens: true });
  client = { client_id: registered.body.client_id, id_token_signed_response_alg: 'PS256' };
  clientAuth = oauth.PrivateKeyJwt({ key: key.privateKey, kid: key.kid });
}, 60_000);

afterAll(async () => {
  await prompts?.close();
  await system?.dispose();
});

describe('FAPI-CIBA poll flow with private_key_jwt, a signed request and an mTLS-bound token (oauth4webapi)', () => {
  it('discovery tells the client what it needs', () => {
    expect(as.tls_client_certificate_bound_access_tokens).toBe(true);
    expect(as.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth', 'client_secret_jwt']));
    expect(as.backchannel_authentication_request_signing_alg_values_supported).toEqual(expect.arrayContaining(['PS256', 'ES256']));
  });

  it('issues a certificate-bound access token and a PS256 ID token; userinfo and introspection honour the binding', async () => {
    const started = await startSignedRequest();
    await expect(grant(started.auth_req_id, certificate)).rejects.toMatchObject({ error: 'authorization_pending' });
    const prompt = await prompts.next();
    expect(prompt.body).toMatchObject({ binding_message: 'FAPI 1', scope: 'openid profile' });
    expect((await decide(prompt.body, 'approve')).status).toBe(200);

    let tokens: oauth.TokenEndpointResponse | undefined;
    for (let i = 0; i < 50 && !tokens; i++) {
      try {
        tokens = await grant(started.auth_req_id, certificate);
      } catch (err) {
        // a loaded machine may let two polls come closer than the interval: slow_down, then wait longer
        if (!(err instanceof oauth.ResponseBodyError && ['authorization_pending', 'slow_down'].includes(err.error))) throw err;
        await new Promise((r) => setTimeout(r, err.error === 'slow_down' ? 6100 : 1100));
      }
    }
    expect(decodeJwt(tokens!.access_token).cnf).toEqual({ 'x5t#S256': certificate.thumbprint });
    expect(decodeProtectedHeader(tokens!.id_token!).alg).toBe('PS256');
    expect(oauth.getValidatedIdTokenClaims(tokens!)).toMatchObject({ sub: 'alice', aud: client.client_id });

    const userinfo = await oauth.processUserInfoResponse(as, client, 'alice', await oauth.userInfoRequest(as, client, tokens!.access_token, via(certificate)));
    expect(userinfo).toMatchObject({ sub: 'alice', name: 'Alice' });
    const withoutCertificate = await oauth.userInfoRequest(as, client, tokens!.access_token, via(undefined));
    expect(withoutCertificate.status).toBe(401);
    expect(withoutCertificate.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    const other = await selfSignedCertificate('CN=thief');
    expect((await oauth.userInfoRequest(as, client, tokens!.access_token, via(other))).status).toBe(401);

    const introspection = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, clientAuth, tokens!.access_token, via(certificate)));
    expect(introspection).toMatchObject({ active: true, client_id: client.client_id, cnf: { 'x5t#S256': certificate.thumbprint } });

    // The refresh token is bound to the client's authentication; the new access token to the certificate presented now.
    const rotated = await selfSignedCertificate('CN=fapi-rp-rotated');
    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens!.refresh_token!, via(rotated)));
    expect(decodeJwt(refreshed.access_token).cnf).toEqual({ 'x5t#S256': rotated.thumbprint });
    await expect(oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshed.refresh_token!, via(undefined)).then((r) => oauth.processRefreshTokenResponse(as, client, r))).rejects.toMatchObject({
      error: 'invalid_request',
      error_description: 'the fapi-ciba profile requires sender-constrained tokens: present the client certificate (mTLS) or a DPoP proof',
    });
  }, 90_000);

  it('refuses a FAPI token request without a certificate before the grant is redeemed', async () => {
    const started = await startSignedRequest();
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    await expect(grant(started.auth_req_id, undefined)).rejects.toMatchObject({ error: 'invalid_request' });
    // still redeemable with the certificate (it may still be pending for a moment)
    for (let i = 0; i < 50; i++) {
      try {
        const tokens = await grant(started.auth_req_id, certificate);
        expect(decodeJwt(tokens.access_token).cnf).toEqual({ 'x5t#S256': certificate.thumbprint });
        return;
      } catch (err) {
        // a loaded machine may let two polls come closer than the interval: slow_down, then wait longer
        if (!(err instanceof oauth.ResponseBodyError && ['authorization_pending', 'slow_down'].includes(err.error))) throw err;
        await new Promise((r) => setTimeout(r, err.error === 'slow_down' ? 6100 : 1100));
      }
    }
    throw new Error('never approved');
  }, 90_000);
});

describe('certificate-bound tokens for a client outside the FAPI profile', () => {
  it('binds when the token request has a certificate, issues an unbound token when it has none', async () => {
    const registered = await register(system, { token_endpoint_auth_method: 'client_secret_basic', tls_client_certificate_bound_access_tokens: true });
    expect(registered.status).toBe(201);
    const plain: oauth.Client = { client_id: registered.body.client_id };
    const plainAuth = oauth.ClientSecretBasic(registered.body.client_secret);
    const tokensFor = async (cert: TestCertificate | undefined) => {
      const started = await oauth.processBackchannelAuthenticationResponse(
        as,
        plain,
        await oauth.backchannelAuthenticationRequest(as, plain, plainAuth, { scope: 'openid', login_hint: 'alice@example.com' }, via(cert)),
      );
      expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
      for (let i = 0; i < 50; i++) {
        try {
          return await oauth.processBackchannelAuthenticationGrantResponse(as, plain, await oauth.backchannelAuthenticationGrantRequest(as, plain, plainAuth, started.auth_req_id, via(cert)));
        } catch (err) {
          if (!(err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending')) throw err;
          await new Promise((r) => setTimeout(r, 1100));
        }
      }
      throw new Error('never approved');
    };
    const bound = await tokensFor(certificate);
    expect(decodeJwt(bound.access_token).cnf).toEqual({ 'x5t#S256': certificate.thumbprint });
    expect((await oauth.userInfoRequest(as, plain, bound.access_token, via(undefined))).status).toBe(401);
    const unbound = await tokensFor(undefined);
    expect(decodeJwt(unbound.access_token)).not.toHaveProperty('cnf');
    expect((await oauth.userInfoRequest(as, plain, unbound.access_token, via(undefined))).status).toBe(200);
    const introspection = await oauth.processIntrospectionResponse(as, plain, await oauth.introspectionRequest(as, plain, plainAuth, unbound.access_token, via(undefined)));
    expect(introspection).not.toHaveProperty('cnf');
  }, 90_000);
});

describe('a FAPI client bound by DPoP instead of mTLS', () => {
  it('gets DPoP-bound tokens without a certificate; without a proof it is refused', async () => {
    const dpopKey = await clientKey('ES256');
    const registered = await register(system, {
      security_profile: 'fapi-ciba',
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [dpopKey.jwk] },
      backchannel_authentication_request_signing_alg: 'ES256',
      dpop_bound_access_tokens: true,
    });
    expect(registered.status).toBe(201);
    const fapiDpop: oauth.Client = { client_id: registered.body.client_id, id_token_signed_response_alg: 'PS256' };
    const auth = oauth.PrivateKeyJwt({ key: dpopKey.privateKey, kid: dpopKey.kid });
    const request = await oauth.issueRequestObject(as, fapiDpop, { scope: 'openid', login_hint: 'alice@example.com', binding_message: 'DPoP 1' }, { key: dpopKey.privateKey, kid: dpopKey.kid });
    const started = await oauth.processBackchannelAuthenticationResponse(as, fapiDpop, await oauth.backchannelAuthenticationRequest(as, fapiDpop, auth, { request }, via(undefined)));
    expect((await decide((await prompts.next()).body, 'approve')).status).toBe(200);
    const unproven = await oauth.backchannelAuthenticationGrantRequest(as, fapiDpop, auth, started.auth_req_id, via(undefined));
    await expect(oauth.processBackchannelAuthenticationGrantResponse(as, fapiDpop, unproven)).rejects.toMatchObject({ error: 'invalid_dpop_proof' });
    const dpop = oauth.DPoP(fapiDpop, await oauth.generateKeyPair('ES256'));
    for (let i = 0; i < 50; i++) {
      try {
        const tokens = await oauth.processBackchannelAuthenticationGrantResponse(
          as,
          fapiDpop,
          await oauth.backchannelAuthenticationGrantRequest(as, fapiDpop, auth, started.auth_req_id, { ...via(undefined), DPoP: dpop }),
        );
        expect(tokens.token_type).toBe('dpop');
        expect(decodeJwt(tokens.access_token).cnf).toEqual({ jkt: expect.any(String) });
        return;
      } catch (err) {
        if (oauth.isDPoPNonceError(err)) continue;
        // a loaded machine may let two polls come closer than the interval: slow_down, then wait longer
        if (!(err instanceof oauth.ResponseBodyError && ['authorization_pending', 'slow_down'].includes(err.error))) throw err;
        await new Promise((r) => setTimeout(r, err.error === 'slow_down' ? 6100 : 1100));
      }
    }
    throw new Error('never approved');
  }, 90_000);
});
