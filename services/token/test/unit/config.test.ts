import { ConfigError } from '@ciba/service-kit';
import { loadTokenConfig } from '../../src/config.ts';

describe('loadTokenConfig', () => {
  it('applies the defaults', () => {
    const c = loadTokenConfig({ ADMIN_TOKEN: 'x'.repeat(20) });
    expect(c).toMatchObject({
      schema: 'token',
      issuer: 'http://localhost:8080',
      accessTokenTtl: 600,
      idTokenTtl: 600,
      refreshTokenTtl: 2_592_000,
      defaultInterval: 5,
      publicUrls: { authEndpoint: 'http://localhost:8080', token: 'http://localhost:8080', consent: 'http://localhost:8080' },
    });
  });

  it('reads the public URLs without trailing slashes', () => {
    const c = loadTokenConfig({ ISSUER: 'https://op.example', AUTH_ENDPOINT_PUBLIC_URL: 'https://auth.example/', CONSENT_PUBLIC_URL: 'https://consent.example' });
    expect(c.publicUrls).toEqual({ authEndpoint: 'https://auth.example', token: 'https://op.example', consent: 'https://consent.example' });
  });

  it.each([
    [{ ACCESS_TOKEN_TTL: 'ten' }, 'invalid configuration: ACCESS_TOKEN_TTL: expected a number of seconds'],
    [{ CIBA_DEFAULT_INTERVAL: '0' }, 'invalid configuration: CIBA_DEFAULT_INTERVAL: must be at least 1 second'],
    [{ CONSENT_PUBLIC_URL: 'ftp://x' }, 'invalid configuration: CONSENT_PUBLIC_URL: expected an http(s):// URL'],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadTokenConfig(env)).toThrow(new ConfigError(message));
  });
});
