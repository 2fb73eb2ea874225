import { loadAuthEndpointConfig } from '../../src/config.ts';

describe('loadAuthEndpointConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadAuthEndpointConfig({ ISSUER: 'https://op.example/' });
    expect(config).toMatchObject({
      schema: 'auth_endpoint',
      issuer: 'https://op.example',
      publicUrl: 'https://op.example',
      defaultExpiry: 600,
      minExpiry: 10,
      maxExpiry: 3600,
      defaultInterval: 5,
      bindingMessageMaxLength: 64,
    });
  });

  it('reads every setting', () => {
    const config = loadAuthEndpointConfig({
      CIBA_DEFAULT_EXPIRY: '120',
      CIBA_MIN_EXPIRY: '30',
      CIBA_MAX_EXPIRY: '900',
      CIBA_DEFAULT_INTERVAL: '2',
      BINDING_MESSAGE_MAX_LENGTH: '20',
      AUTH_ENDPOINT_PUBLIC_URL: 'https://auth.example/',
    });
    expect(config).toMatchObject({ defaultExpiry: 120, minExpiry: 30, maxExpiry: 900, defaultInterval: 2, bindingMessageMaxLength: 20, publicUrl: 'https://auth.example' });
  });

  it.each([
    [{ CIBA_DEFAULT_EXPIRY: 'soon' }, 'invalid configuration: CIBA_DEFAULT_EXPIRY: expected a number of seconds'],
    [{ CIBA_MAX_EXPIRY: '1.5' }, 'invalid configuration: CIBA_MAX_EXPIRY: expected a whole number of seconds'],
    [{ CIBA_MIN_EXPIRY: '0' }, 'invalid configuration: CIBA_MIN_EXPIRY: must be at least 1 seconds'],
    [{ BINDING_MESSAGE_MAX_LENGTH: '500' }, 'invalid configuration: BINDING_MESSAGE_MAX_LENGTH: must be at most 100 characters'],
    [{ CIBA_MIN_EXPIRY: '100', CIBA_MAX_EXPIRY: '50' }, 'invalid configuration: CIBA_MIN_EXPIRY: must not exceed CIBA_MAX_EXPIRY'],
    [{ CIBA_DEFAULT_EXPIRY: '7200' }, 'invalid configuration: CIBA_DEFAULT_EXPIRY: must lie between CIBA_MIN_EXPIRY and CIBA_MAX_EXPIRY'],
    [{ AUTH_ENDPOINT_PUBLIC_URL: 'ftp://x' }, 'invalid configuration: AUTH_ENDPOINT_PUBLIC_URL: expected an http(s):// URL'],
  ])('refuses %p with one line naming the variable', (env, message) => {
    expect(() => loadAuthEndpointConfig(env)).toThrow(message);
  });
});
