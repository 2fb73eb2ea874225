import { clientKey, MTLS_TEST_ENV, register } from '../../support/mtls-fixture.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';

// The security_profile "fapi-ciba" rules at POST /register (FAPI-CIBA §5.2.2 on FAPI 1.0 Advanced),
// over real HTTP; and what discovery says with and without mTLS and client_secret_jwt configured.

let system: TestSystem;
let key: Awaited<ReturnType<typeof clientKey>>;

/** A consistent FAPI-CIBA registration, changed by `overrides` (undefined removes a member). */
const fapi = (overrides: Record<string, unknown> = {}) => ({
  security_profile: 'fapi-ciba',
  token_endpoint_auth_method: 'private_key_jwt',
  jwks: { keys: [key.jwk] },
  backchannel_token_delivery_mode: 'poll',
  backchannel_authentication_request_signing_alg: 'ES256',
  tls_client_certificate_bound_access_tokens: true,
  ...overrides,
});

beforeAll(async () => {
  system = await startTestSystem(MTLS_TEST_ENV);
  key = await clientKey('ES256');
}, 60_000);

afterAll(async () => {
  await system?.dispose();
});

describe('POST /register with security_profile fapi-ciba', () => {
  it('registers a consistent client: PS256 ID tokens by default, the profile answered back', async () => {
    const { status, body } = await register(system, fapi());
    expect(status).toBe(201);
    expect(body).toMatchObject({ security_profile: 'fapi-ciba', id_token_signed_response_alg: 'PS256', tls_client_certificate_bound_access_tokens: true, backchannel_authentication_request_signing_alg: 'ES256' });
    expect(body).not.toHaveProperty('client_secret');
  });

  it('accepts ping and mTLS client authentication', async () => {
    expect((await register(system, fapi({ backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'http://127.0.0.1:9/cb' }))).status).toBe(201);
    expect((await register(system, fapi({ token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_san_dns: 'rp.example' }))).status).toBe(201);
  });

  it('accepts DPoP-bound tokens instead of certificate-bound ones', async () => {
    const { status, body } = await register(system, fapi({ tls_client_certificate_bound_access_tokens: undefined, dpop_bound_access_tokens: true }));
    expect(status).toBe(201);
    expect(body).toMatchObject({ dpop_bound_access_tokens: true, tls_client_certificate_bound_access_tokens: false });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['client_secret_basic', { token_endpoint_auth_method: 'client_secret_basic' }, 'the fapi-ciba profile requires token_endpoint_auth_method private_key_jwt, tls_client_auth or self_signed_tls_client_auth'],
    ['client_secret_jwt', { token_endpoint_auth_method: 'client_secret_jwt' }, 'the fapi-ciba profile requires token_endpoint_auth_method private_key_jwt, tls_client_auth or self_signed_tls_client_auth'],
    ['RS256 assertions', { token_endpoint_auth_signing_alg: 'RS256' }, 'the fapi-ciba profile requires token_endpoint_auth_signing_alg PS256 or ES256'],
    ['no signed requests', { backchannel_authentication_request_signing_alg: undefined }, 'the fapi-ciba profile requires signed authentication requests: backchannel_authentication_request_signing_alg PS256 or ES256'],
    ['RS256 signed requests', { backchannel_authentication_request_signing_alg: 'RS256' }, 'the fapi-ciba profile requires signed authentication requests: backchannel_authentication_request_signing_alg PS256 or ES256'],
    ['RS256 ID tokens', { id_token_signed_response_alg: 'RS256' }, 'the fapi-ciba profile requires id_token_signed_response_alg PS256 or ES256'],
    [
      'the push mode',
      { backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'http://127.0.0.1:9/cb', tls_client_certificate_bound_access_tokens: undefined },
      'the fapi-ciba profile allows the poll and ping modes only, not push',
    ],
    ['unbound tokens', { tls_client_certificate_bound_access_tokens: false }, 'the fapi-ciba profile requires sender-constrained access tokens: tls_client_certificate_bound_access_tokens or dpop_bound_access_tokens true'],
    ['unbound tokens (DPoP explicitly off)', { tls_client_certificate_bound_access_tokens: false, dpop_bound_access_tokens: false }, 'the fapi-ciba profile requires sender-constrained access tokens: tls_client_certificate_bound_access_tokens or dpop_bound_access_tokens true'],
    ['an unknown profile', { security_profile: 'fapi2' }, "security_profile is invalid: invalid input: expected 'fapi-ciba'"],
  ])('refuses %s with 400 invalid_client_metadata', async (_name, overrides, description) => {
    expect(await register(system, fapi(overrides))).toEqual({ status: 400, body: { error: 'invalid_client_metadata', error_description: description } });
  });

  it('refuses certificate-bound tokens in the push mode for any client', async () => {
    expect(await register(system, { backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'http://127.0.0.1:9/cb', tls_client_certificate_bound_access_tokens: true })).toEqual({
      status: 400,
      body: { error: 'invalid_client_metadata', error_description: 'tls_client_certificate_bound_access_tokens cannot be honoured in the push mode (tokens are pushed without a client certificate)' },
    });
  });

  it('tls_client_auth needs exactly one well-formed subject', async () => {
    const tls = (extra: Record<string, unknown>) => register(system, { token_endpoint_auth_method: 'tls_client_auth', ...extra });
    const problem = (description: string) => ({ status: 400, body: { error: 'invalid_client_metadata', error_description: description } });
    const one = 'tls_client_auth requires exactly one of tls_client_auth_subject_dn, tls_client_auth_san_dns, tls_client_auth_san_uri, tls_client_auth_san_ip, tls_client_auth_san_email';
    expect(await tls({})).toEqual(problem(one));
    expect(await tls({ tls_client_auth_san_dns: 'a.example', tls_client_auth_san_email: 'rp@example.com' })).toEqual(problem(one));
    expect(await tls({ tls_client_auth_san_ip: 'not-an-ip' })).toEqual(problem('tls_client_auth_san_ip must be an IP address'));
    expect(await tls({ tls_client_auth_subject_dn: 'no equals sign' })).toEqual(problem('tls_client_auth_subject_dn must be a distinguished name (RFC 4514, e.g. CN=rp,O=Bank,C=GB)'));
  });
});

describe('discovery and registration without mTLS or CLIENT_SECRET_ENCRYPTION_KEY', () => {
  let plain: TestSystem;
  beforeAll(async () => {
    plain = await startTestSystem();
  }, 60_000);
  afterAll(async () => {
    await plain?.dispose();
  });

  it('lists only what is configured, and refuses to register the rest', async () => {
    const metadata = (await (await fetch(`${plain.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic', 'client_secret_post', 'private_key_jwt']);
    expect(metadata.token_endpoint_auth_signing_alg_values_supported).toEqual(['RS256', 'PS256', 'ES256']);
    expect(metadata.tls_client_certificate_bound_access_tokens).toBe(false);
    const problem = (description: string) => ({ status: 400, body: { error: 'invalid_client_metadata', error_description: description } });
    expect(await register(plain, { token_endpoint_auth_method: 'client_secret_jwt' })).toEqual(problem('client_secret_jwt is not offered by this server'));
    expect(await register(plain, { token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_san_dns: 'rp.example' })).toEqual(problem('tls_client_auth is not offered by this server (mTLS is not configured)'));
    expect(await register(plain, { tls_client_certificate_bound_access_tokens: true })).toEqual(problem('tls_client_certificate_bound_access_tokens is not offered by this server (mTLS is not configured)'));
  });

  it('with both configured, discovery lists every method and the HMAC algorithms', async () => {
    const metadata = (await (await fetch(`${system.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth']);
    expect(metadata.introspection_endpoint_auth_methods_supported).toEqual(metadata.token_endpoint_auth_methods_supported);
    expect(metadata.token_endpoint_auth_signing_alg_values_supported).toEqual(['RS256', 'PS256', 'ES256', 'HS256', 'HS384', 'HS512']);
    expect(metadata.tls_client_certificate_bound_access_tokens).toBe(true);
  });
});
