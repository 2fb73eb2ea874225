import { randomBytes } from 'node:crypto';
import { deriveChannelKey, developmentMasterKey } from '@ciba/channel-kit';
import { loadEmailConfig } from '../../src/config.ts';

const ADMIN = 'admin-token-0123456789';
const master = randomBytes(32).toString('base64url');
const production = { NODE_ENV: 'production', CHANNEL_MASTER_KEY: master, SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'CIBA <no-reply@example.com>' };

describe('loadEmailConfig', () => {
  it('development defaults: opportunistic STARTTLS on 127.0.0.1:587, the key derived from ADMIN_TOKEN', () => {
    const config = loadEmailConfig({ ADMIN_TOKEN: ADMIN });
    expect(config.smtp).toEqual({ host: '127.0.0.1', port: 587, tls: 'opportunistic', rejectUnauthorized: true, from: 'CIBA <no-reply@localhost>', timeoutMs: 15_000 });
    expect(config.key).toEqual(deriveChannelKey(developmentMasterKey(ADMIN), 'email'));
  });

  it('production: STARTTLS required by default, the key derived from CHANNEL_MASTER_KEY', () => {
    const config = loadEmailConfig(production);
    expect(config.smtp).toMatchObject({ host: 'smtp.example.com', port: 587, tls: 'starttls', rejectUnauthorized: true });
    expect(config.key).toEqual(deriveChannelKey(new Uint8Array(Buffer.from(master, 'base64url')), 'email'));
  });

  it('SMTP_TLS=implicit defaults SMTP_PORT to 465; SMTP_USER and SMTP_PASSWORD give AUTH', () => {
    const config = loadEmailConfig({ ...production, SMTP_TLS: 'implicit', SMTP_USER: 'u', SMTP_PASSWORD: 'p' });
    expect(config.smtp).toMatchObject({ port: 465, tls: 'implicit', auth: { user: 'u', pass: 'p' } });
  });

  it('CHANNEL_KEY is used as the key as it is', () => {
    const key = randomBytes(32);
    expect(loadEmailConfig({ CHANNEL_KEY: key.toString('base64url') }).key).toEqual(new Uint8Array(key));
  });

  it.each([
    ['invalid configuration: SMTP_TLS: must be implicit or starttls when NODE_ENV=production', { ...production, SMTP_TLS: 'opportunistic' }],
    ['invalid configuration: SMTP_TLS_REJECT_UNAUTHORIZED: must be true when NODE_ENV=production', { ...production, SMTP_TLS_REJECT_UNAUTHORIZED: 'false' }],
    ['invalid configuration: SMTP_HOST: required when NODE_ENV=production', { ...production, SMTP_HOST: '' }],
    ['invalid configuration: SMTP_FROM: required when NODE_ENV=production', { ...production, SMTP_FROM: undefined }],
    ['invalid configuration: CHANNEL_KEY: required when NODE_ENV=production (or CHANNEL_MASTER_KEY)', { ...production, CHANNEL_MASTER_KEY: undefined }],
    ['invalid configuration: SMTP_FROM: expected address@domain or Name <address@domain>', { ...production, SMTP_FROM: 'not an address' }],
    ['invalid configuration: SMTP_USER: set together with SMTP_PASSWORD, or neither', { ...production, SMTP_USER: 'u' }],
    ['invalid configuration: SMTP_TLS: Invalid option: expected one of "implicit"|"starttls"|"opportunistic"', { ...production, SMTP_TLS: 'ssl' }],
    ['invalid configuration: CHANNEL_KEY: expected base64url of at least 32 bytes', { CHANNEL_KEY: 'short' }],
  ])('%s', (message, env) => {
    expect(() => loadEmailConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('SMTP_TLS_REJECT_UNAUTHORIZED=false is allowed outside production (tests against a self-signed certificate)', () => {
    expect(loadEmailConfig({ ADMIN_TOKEN: ADMIN, SMTP_TLS_REJECT_UNAUTHORIZED: 'false' }).smtp.rejectUnauthorized).toBe(false);
  });
});
