import { providerMetadata } from '@ciba/contracts/api/discovery';
import { buildProviderMetadata } from '../../../../src/routes/discovery/build-provider-metadata.ts';
import { testConfig } from '../../../support/test-config.ts';

describe('buildProviderMetadata', () => {
  const metadata = buildProviderMetadata(testConfig());

  it('matches the discovery contract', () => {
    expect(providerMetadata.parse(metadata)).toEqual(metadata);
  });

  it('points every endpoint at the issuer by default', () => {
    expect(metadata).toMatchObject({
      issuer: 'https://op.example.test',
      backchannel_authentication_endpoint: 'https://op.example.test/bc-authorize',
      token_endpoint: 'https://op.example.test/token',
      jwks_uri: 'https://op.example.test/jwks',
      registration_endpoint: 'https://op.example.test/register',
      userinfo_endpoint: 'https://op.example.test/userinfo',
      introspection_endpoint: 'https://op.example.test/introspect',
      revocation_endpoint: 'https://op.example.test/revoke',
    });
  });

  it('points at each service when they run apart', () => {
    const m = buildProviderMetadata(
      testConfig({ AUTH_ENDPOINT_PUBLIC_URL: 'https://auth.example.test/', TOKEN_PUBLIC_URL: 'https://token.example.test' }),
    );
    expect(m.backchannel_authentication_endpoint).toBe('https://auth.example.test/bc-authorize');
    expect(m.token_endpoint).toBe('https://token.example.test/token');
    expect(m.issuer).toBe('https://op.example.test');
  });

  it('advertises the CIBA capabilities of this server', () => {
    expect(metadata).toMatchObject({
      grant_types_supported: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
      backchannel_token_delivery_modes_supported: ['poll', 'ping', 'push'],
      backchannel_authentication_request_signing_alg_values_supported: ['PS256', 'ES256', 'RS256'],
      backchannel_user_code_parameter_supported: true,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'PS256', 'ES256'],
      id_token_signing_alg_values_supported: ['RS256', 'PS256', 'ES256'],
      scopes_supported: ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'],
      subject_types_supported: ['public'],
      response_types_supported: [],
    });
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['sub', 'name', 'email', 'email_verified', 'phone_number', 'address']));
    expect(metadata.introspection_endpoint_auth_methods_supported).toEqual(metadata.token_endpoint_auth_methods_supported);
    expect(metadata.revocation_endpoint_auth_methods_supported).toEqual(metadata.token_endpoint_auth_methods_supported);
  });
});
