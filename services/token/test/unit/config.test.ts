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

  it('poll bounds: defaults, every setting, the longest penalty at least the first', () => {
    expect(loadTokenConfig({}).pollBounds).toEqual({ clientLimit: 12_000, clientWindowS: 10, strikes: 10, strikeWindowS: 60, penaltyS: 10, penaltyMaxS: 120, timeoutMs: 100 });
    const set = loadTokenConfig({
      TOKEN_POLL_CLIENT_LIMIT: '0',
      TOKEN_POLL_CLIENT_WINDOW_S: '1',
      TOKEN_POLL_STRIKES: '3',
      TOKEN_POLL_STRIKE_WINDOW_S: '30',
      TOKEN_POLL_PENALTY_S: '600',
      TOKEN_POLL_PENALTY_MAX_S: '60',
      TOKEN_POLL_TIMEOUT_MS: '50',
    });
    expect(set.pollBounds).toEqual({ clientLimit: 0, clientWindowS: 1, strikes: 3, strikeWindowS: 30, penaltyS: 600, penaltyMaxS: 600, timeoutMs: 50 });
  });

  it.each([
    [{ TOKEN_POLL_CLIENT_LIMIT: '-1' }, 'invalid configuration: TOKEN_POLL_CLIENT_LIMIT: must be at least 0 requests'],
    [{ TOKEN_POLL_TIMEOUT_MS: '1' }, 'invalid configuration: TOKEN_POLL_TIMEOUT_MS: must be at least 10 milliseconds'],
    [{ ACCESS_TOKEN_TTL: 'ten' }, 'invalid configuration: ACCESS_TOKEN_TTL: expected a number of seconds'],
    [{ CIBA_DEFAULT_INTERVAL: '0' }, 'invalid configuration: CIBA_DEFAULT_INTERVAL: must be at least 1 second'],
    [{ CONSENT_PUBLIC_URL: 'ftp://x' }, 'invalid configuration: CONSENT_PUBLIC_URL: expected an http(s):// URL'],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadTokenConfig(env)).toThrow(new ConfigError(message));
  });
});
