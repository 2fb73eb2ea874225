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
      deliveryConcurrency: 64,
      expirySweepMs: 1000,
      expiryBatch: 500,
      reconcileMs: 5000,
      brokerEpochCheckMs: 5000,
      outboxReplayWindowMs: 86_400_000,
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

  it('takes the sweep, reconcile and broker-check periods and bounds them', () => {
    const config = loadConsentConfig({ CONSENT_EXPIRY_SWEEP_MS: '250', CONSENT_EXPIRY_BATCH: '50', CONSENT_RECONCILE_MS: '2000', BROKER_EPOCH_CHECK_MS: '1000', OUTBOX_REPLAY_WINDOW_MS: '3600000' });
    expect(config).toMatchObject({ expirySweepMs: 250, expiryBatch: 50, reconcileMs: 2000, brokerEpochCheckMs: 1000, outboxReplayWindowMs: 3_600_000 });
    expect(() => loadConsentConfig({ CONSENT_EXPIRY_SWEEP_MS: '5' })).toThrow('invalid configuration: CONSENT_EXPIRY_SWEEP_MS: must be at least 20 milliseconds');
    expect(() => loadConsentConfig({ OUTBOX_REPLAY_WINDOW_MS: '90000000' })).toThrow('invalid configuration: OUTBOX_REPLAY_WINDOW_MS: must be at most 86400000 milliseconds');
  });

  it('requires an https public URL in production', () => {
    const env = { NODE_ENV: 'production', ADMIN_TOKEN: 'a'.repeat(32), ISSUER: 'https://issuer.example' };
    expect(loadConsentConfig(env).publicUrl).toBe('https://issuer.example');
    expect(() => loadConsentConfig({ ...env, CONSENT_PUBLIC_URL: 'http://consent.example' })).toThrow(ConfigError);
  });
});
