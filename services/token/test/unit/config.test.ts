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
    [{ ACCESS_TOKEN_TTL: 'ten' }, 'invalid configuration: ACCESS_TOKEN_TTL: expected a number of seconds'],
    [{ CIBA_DEFAULT_INTERVAL: '0' }, 'invalid configuration: CIBA_DEFAULT_INTERVAL: must be at least 1 second'],
    [{ CONSENT_PUBLIC_URL: 'ftp://x' }, 'invalid configuration: CONSENT_PUBLIC_URL: expected an http(s):// URL'],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadTokenConfig(env)).toThrow(new ConfigError(message));
  });
});
