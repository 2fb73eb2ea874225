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

  it('mTLS, client_secret_jwt and assertion audiences: off, off and endpoint URLs accepted unless set', () => {
    const off = loadTokenConfig({});
    expect([off.mtls, off.clientSecretKey, off.endpointAudiences]).toEqual([undefined, undefined, true]);
    const key = Buffer.alloc(32, 7);
    const on = loadTokenConfig({
      MTLS_CLIENT_CERT_HEADER: 'ssl-client-cert',
      MTLS_TRUSTED_PROXIES: '10.0.0.0/8',
      CLIENT_SECRET_ENCRYPTION_KEY: key.toString('base64url'),
      CLIENT_ASSERTION_ENDPOINT_AUDIENCES: 'false',
    });
    expect(on).toMatchObject({ mtls: { header: 'ssl-client-cert', trustedProxies: ['10.0.0.0/8'] }, clientSecretKey: key, endpointAudiences: false });
    expect(() => loadTokenConfig({ CLIENT_SECRET_ENCRYPTION_KEY: 'too-short' })).toThrow(
      new ConfigError('invalid configuration: CLIENT_SECRET_ENCRYPTION_KEY: expected 32 bytes, base64url'),
    );
    expect(() => loadTokenConfig({ MTLS_CLIENT_CERT_HEADER: 'ssl-client-cert' })).toThrow(
      new ConfigError('invalid configuration: MTLS_TRUSTED_PROXIES: required when MTLS_CLIENT_CERT_HEADER is set'),
    );
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

  it('reads the signing-key settings; retired keys are kept for the longest token lifetime plus 5 minutes', () => {
    const kek = Buffer.alloc(32, 1).toString('base64url');
    const old = Buffer.alloc(32, 2).toString('base64url');
    const c = loadTokenConfig({
      ACCESS_TOKEN_TTL: '900',
      ID_TOKEN_TTL: '300',
      SIGNING_KEY_ENCRYPTION_KEY: `${kek}=`,
      SIGNING_KEY_ENCRYPTION_KEYS_PREVIOUS: ` ${old} `,
      SIGNING_KEY_ROTATION_INTERVAL: '0',
      SIGNING_KEY_NEXT_MIN_AGE: '60',
      SIGNING_KEY_REFRESH_INTERVAL: '5',
    });
    expect(c.signingKeys).toEqual({
      encryptionKey: new Uint8Array(32).fill(1),
      previousEncryptionKeys: [new Uint8Array(32).fill(2)],
      retentionS: 1200,
      rotationIntervalS: 0,
      nextMinAgeS: 60,
      refreshIntervalS: 5,
    });
    expect(loadTokenConfig({}).signingKeys).toMatchObject({ encryptionKey: null, previousEncryptionKeys: [], rotationIntervalS: 7_776_000, nextMinAgeS: 3600, refreshIntervalS: 60 });
  });

  it('requires a key-encryption key in production', () => {
    const production = { NODE_ENV: 'production', ISSUER: 'https://op.example', ADMIN_TOKEN: 'x'.repeat(20) };
    expect(() => loadTokenConfig(production)).toThrow(
      new ConfigError('invalid configuration: SIGNING_KEY_ENCRYPTION_KEY: required when NODE_ENV=production (private signing keys are encrypted at rest)'),
    );
    expect(loadTokenConfig({ ...production, SIGNING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64url') }).signingKeys.encryptionKey).toHaveLength(32);
  });

  it.each([
    [{ SIGNING_KEY_ENCRYPTION_KEY: 'short' }, 'invalid configuration: SIGNING_KEY_ENCRYPTION_KEY: expected 32 random bytes, base64url (43 characters)'],
    [{ SIGNING_KEY_ENCRYPTION_KEYS_PREVIOUS: 'a,b' }, 'invalid configuration: SIGNING_KEY_ENCRYPTION_KEYS_PREVIOUS.0: expected a comma-separated list of 32-byte base64url keys'],
    [{ SIGNING_KEY_ROTATION_INTERVAL: '-1' }, 'invalid configuration: SIGNING_KEY_ROTATION_INTERVAL: must be at least 0 seconds'],
    [{ TOKEN_POLL_CLIENT_LIMIT: '-1' }, 'invalid configuration: TOKEN_POLL_CLIENT_LIMIT: must be at least 0 requests'],
    [{ TOKEN_POLL_TIMEOUT_MS: '1' }, 'invalid configuration: TOKEN_POLL_TIMEOUT_MS: must be at least 10 milliseconds'],
    [{ ACCESS_TOKEN_TTL: 'ten' }, 'invalid configuration: ACCESS_TOKEN_TTL: expected a number of seconds'],
    [{ CIBA_DEFAULT_INTERVAL: '0' }, 'invalid configuration: CIBA_DEFAULT_INTERVAL: must be at least 1 second'],
    [{ CONSENT_PUBLIC_URL: 'ftp://x' }, 'invalid configuration: CONSENT_PUBLIC_URL: expected an http(s):// URL'],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadTokenConfig(env)).toThrow(new ConfigError(message));
  });
});
