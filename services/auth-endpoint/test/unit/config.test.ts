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
      promptLimits: { perUser: { limit: 0, windowS: 600 }, perClient: { limit: 600, windowS: 60 }, duplicateWindowS: 0, timeoutMs: 250 },
    });
  });

  it('turns the per-user and duplicate prompt rules on by default in production only', () => {
    const config = loadAuthEndpointConfig({ ISSUER: 'https://op.example/', NODE_ENV: 'production', ADMIN_TOKEN: 'admin-token-0123456789' });
    expect(config.promptLimits).toEqual({ perUser: { limit: 5, windowS: 600 }, perClient: { limit: 600, windowS: 60 }, duplicateWindowS: 60, timeoutMs: 250 });
  });

  it('reads the prompt limits; 0 turns a limit off', () => {
    const config = loadAuthEndpointConfig({
      BC_USER_PROMPT_LIMIT: '0',
      BC_USER_PROMPT_WINDOW_S: '300',
      BC_CLIENT_PROMPT_LIMIT: '5000',
      BC_CLIENT_PROMPT_WINDOW_S: '10',
      BC_DUPLICATE_PROMPT_WINDOW_S: '0',
      BC_LIMITS_TIMEOUT_MS: '1000',
    });
    expect(config.promptLimits).toEqual({ perUser: { limit: 0, windowS: 300 }, perClient: { limit: 5000, windowS: 10 }, duplicateWindowS: 0, timeoutMs: 1000 });
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

  it('reads the trusted login_hint_token issuers and the id_token_hint grace', () => {
    const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] };
    const config = loadAuthEndpointConfig({
      LOGIN_HINT_TOKEN_ISSUERS: JSON.stringify([
        { issuer: 'https://id.bank.example', jwks_uri: 'https://id.bank.example/jwks' },
        { issuer: 'https://branch.bank.example', jwks, algorithms: ['ES256'], client_ids: ['pos-1'] },
      ]),
      ID_TOKEN_HINT_MAX_AGE: '3600',
    });
    expect(config.hintIssuers).toEqual([
      { issuer: 'https://id.bank.example', jwks_uri: 'https://id.bank.example/jwks', algorithms: ['PS256', 'ES256'] },
      { issuer: 'https://branch.bank.example', jwks, algorithms: ['ES256'], client_ids: ['pos-1'] },
    ]);
    expect(config.idTokenHintMaxAge).toBe(3600);
    expect(loadAuthEndpointConfig({})).toMatchObject({ hintIssuers: [], idTokenHintMaxAge: 2_592_000 });
  });

  it.each([
    [{ LOGIN_HINT_TOKEN_ISSUERS: '[{' }, 'invalid configuration: LOGIN_HINT_TOKEN_ISSUERS: expected a JSON array'],
    [{ LOGIN_HINT_TOKEN_ISSUERS: '[{"issuer":"https://a.example"}]' }, 'invalid configuration: LOGIN_HINT_TOKEN_ISSUERS.0: give exactly one of jwks and jwks_uri'],
    [
      { LOGIN_HINT_TOKEN_ISSUERS: '[{"issuer":"https://a.example","jwks_uri":"https://a.example/j"},{"issuer":"https://a.example","jwks_uri":"https://a.example/k"}]' },
      'invalid configuration: LOGIN_HINT_TOKEN_ISSUERS: each issuer may appear once',
    ],
    [{ LOGIN_HINT_TOKEN_ISSUERS: '[{"issuer":"https://a.example","jwks_uri":"https://a.example/j","algorithms":["HS256"]}]' }, 'invalid configuration: LOGIN_HINT_TOKEN_ISSUERS.0.algorithms.0: Invalid option'],
    [
      { NODE_ENV: 'production', ISSUER: 'https://op.example', ADMIN_TOKEN: 'admin-token-0123456789', LOGIN_HINT_TOKEN_ISSUERS: '[{"issuer":"https://a.example","jwks_uri":"http://a.example/j"}]' },
      'invalid configuration: LOGIN_HINT_TOKEN_ISSUERS: jwks_uri of https://a.example: url must use https',
    ],
    [{ ID_TOKEN_HINT_MAX_AGE: '-1' }, 'invalid configuration: ID_TOKEN_HINT_MAX_AGE: must be at least 0 seconds'],
  ])('refuses the hint settings %p with one line naming the variable', (env, message) => {
    expect(() => loadAuthEndpointConfig(env)).toThrow(message);
  });

  it.each([
    [{ CIBA_DEFAULT_EXPIRY: 'soon' }, 'invalid configuration: CIBA_DEFAULT_EXPIRY: expected a number of seconds'],
    [{ CIBA_MAX_EXPIRY: '1.5' }, 'invalid configuration: CIBA_MAX_EXPIRY: expected a whole number of seconds'],
    [{ CIBA_MIN_EXPIRY: '0' }, 'invalid configuration: CIBA_MIN_EXPIRY: must be at least 1 seconds'],
    [{ BINDING_MESSAGE_MAX_LENGTH: '500' }, 'invalid configuration: BINDING_MESSAGE_MAX_LENGTH: must be at most 100 characters'],
    [{ CIBA_MIN_EXPIRY: '100', CIBA_MAX_EXPIRY: '50' }, 'invalid configuration: CIBA_MIN_EXPIRY: must not exceed CIBA_MAX_EXPIRY'],
    [{ CIBA_DEFAULT_EXPIRY: '7200' }, 'invalid configuration: CIBA_DEFAULT_EXPIRY: must lie between CIBA_MIN_EXPIRY and CIBA_MAX_EXPIRY'],
    [{ AUTH_ENDPOINT_PUBLIC_URL: 'ftp://x' }, 'invalid configuration: AUTH_ENDPOINT_PUBLIC_URL: expected an http(s):// URL'],
    [{ BC_USER_PROMPT_LIMIT: '-1' }, 'invalid configuration: BC_USER_PROMPT_LIMIT: must be at least 0 requests'],
    [{ BC_USER_PROMPT_LIMIT: '5000' }, 'invalid configuration: BC_USER_PROMPT_LIMIT: must be at most 1000 requests'],
    [{ BC_USER_PROMPT_WINDOW_S: '0' }, 'invalid configuration: BC_USER_PROMPT_WINDOW_S: must be at least 1 seconds'],
    [{ BC_CLIENT_PROMPT_WINDOW_S: 'a minute' }, 'invalid configuration: BC_CLIENT_PROMPT_WINDOW_S: expected a number of seconds'],
    [{ BC_DUPLICATE_PROMPT_WINDOW_S: '1.5' }, 'invalid configuration: BC_DUPLICATE_PROMPT_WINDOW_S: expected a whole number of seconds'],
    [{ BC_LIMITS_TIMEOUT_MS: '5' }, 'invalid configuration: BC_LIMITS_TIMEOUT_MS: must be at least 10 milliseconds'],
  ])('refuses %p with one line naming the variable', (env, message) => {
    expect(() => loadAuthEndpointConfig(env)).toThrow(message);
  });
});
