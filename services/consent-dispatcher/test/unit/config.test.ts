import { ConfigError } from '@ciba/service-kit';
import { loadConsentConfig } from '../../src/config.ts';

describe('loadConsentConfig', () => {
  it('defaults: public URL = issuer, 5 s webhook timeout, 5 delivery runs', () => {
    const config = loadConsentConfig({ PORT: '9000' });
    expect(config).toMatchObject({
      schema: 'consent',
      issuer: 'http://localhost:9000',
      publicUrl: 'http://localhost:9000',
      webhookTimeoutMs: 5000,
      deliveryAttempts: 5,
      deliveryBackoffMs: 3000,
      deliveryConcurrency: 10,
      production: false,
    });
  });

  it('takes CONSENT_PUBLIC_URL without its trailing slash', () => {
    expect(loadConsentConfig({ CONSENT_PUBLIC_URL: 'https://consent.example/' }).publicUrl).toBe('https://consent.example');
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConsentConfig({ WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow('invalid configuration: WEBHOOK_TIMEOUT_MS: expected a number of milliseconds');
    expect(() => loadConsentConfig({ CONSENT_DELIVERY_ATTEMPTS: '0' })).toThrow('invalid configuration: CONSENT_DELIVERY_ATTEMPTS: must be at least 1 attempts');
  });

  it('requires an https public URL in production', () => {
    const env = { NODE_ENV: 'production', ADMIN_TOKEN: 'a'.repeat(32), ISSUER: 'https://issuer.example' };
    expect(loadConsentConfig(env).publicUrl).toBe('https://issuer.example');
    expect(() => loadConsentConfig({ ...env, CONSENT_PUBLIC_URL: 'http://consent.example' })).toThrow(ConfigError);
  });
});
