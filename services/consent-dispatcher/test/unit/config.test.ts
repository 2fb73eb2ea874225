import { deriveChannelKey, developmentMasterKey } from '@ciba/channel-kit';
import { ConfigError } from '@ciba/service-kit';
import { loadConsentConfig } from '../../src/config.ts';

const MASTER = Buffer.alloc(32, 7).toString('base64url');
const production = { NODE_ENV: 'production', ADMIN_TOKEN: 'a'.repeat(32), ISSUER: 'https://issuer.example', CHANNEL_MASTER_KEY: MASTER };

describe('loadConsentConfig', () => {
  it('defaults: public URL = issuer, 30 s channel deadline, 5 rounds 3 s apart, development master key from ADMIN_TOKEN', () => {
    const config = loadConsentConfig({ PORT: '9000', ADMIN_TOKEN: 'admin-token-of-this-install' });
    expect(config).toMatchObject({
      schema: 'consent',
      issuer: 'http://localhost:9000',
      publicUrl: 'http://localhost:9000',
      channelDeadlines: { default: 30_000, byChannel: {} },
      deliveryAttempts: 5,
      deliveryBackoffMs: 3000,
      offerSweepMs: 1000,
      offerLeaseMs: 15_000,
      expirySweepMs: 1000,
      expiryBatch: 500,
      brokerEpochCheckMs: 5000,
      outboxReplayWindowMs: 86_400_000,
      production: false,
    });
    expect(config.channelMasterKey).toEqual(developmentMasterKey('admin-token-of-this-install'));
  });

  it('takes CONSENT_PUBLIC_URL without its trailing slash', () => {
    expect(loadConsentConfig({ CONSENT_PUBLIC_URL: 'https://consent.example/' }).publicUrl).toBe('https://consent.example');
  });

  it('takes per-channel deadlines over the default, and names a bad pair', () => {
    const config = loadConsentConfig({ CONSENT_CHANNEL_DEADLINE_MS: '20000', CONSENT_CHANNEL_DEADLINES: 'webhook=10000, push=15000,telegram-bot=45000' });
    expect(config.channelDeadlines).toEqual({ default: 20_000, byChannel: { webhook: 10_000, push: 15_000, 'telegram-bot': 45_000 } });
    expect(() => loadConsentConfig({ CONSENT_CHANNEL_DEADLINES: 'webhook:10000' })).toThrow('invalid configuration: CONSENT_CHANNEL_DEADLINES: expected <channel>=<100..3600000 milliseconds>, got "webhook:10000"');
    expect(() => loadConsentConfig({ CONSENT_CHANNEL_DEADLINES: 'sms=50' })).toThrow(ConfigError);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConsentConfig({ CONSENT_CHANNEL_DEADLINE_MS: 'soon' })).toThrow('invalid configuration: CONSENT_CHANNEL_DEADLINE_MS: expected a number of milliseconds');
    expect(() => loadConsentConfig({ CONSENT_DELIVERY_ATTEMPTS: '0' })).toThrow('invalid configuration: CONSENT_DELIVERY_ATTEMPTS: must be at least 1 attempts');
    expect(() => loadConsentConfig({ CHANNEL_MASTER_KEY: 'c2hvcnQ' })).toThrow('invalid configuration: CHANNEL_MASTER_KEY: expected at least 32 bytes');
  });

  it('takes the sweep and broker-check periods and bounds them', () => {
    const config = loadConsentConfig({ CONSENT_EXPIRY_SWEEP_MS: '250', CONSENT_EXPIRY_BATCH: '50', CONSENT_OFFER_SWEEP_MS: '2000', BROKER_EPOCH_CHECK_MS: '1000', OUTBOX_REPLAY_WINDOW_MS: '3600000' });
    expect(config).toMatchObject({ expirySweepMs: 250, expiryBatch: 50, offerSweepMs: 2000, brokerEpochCheckMs: 1000, outboxReplayWindowMs: 3_600_000 });
    expect(() => loadConsentConfig({ CONSENT_EXPIRY_SWEEP_MS: '5' })).toThrow('invalid configuration: CONSENT_EXPIRY_SWEEP_MS: must be at least 20 milliseconds');
    expect(() => loadConsentConfig({ OUTBOX_REPLAY_WINDOW_MS: '90000000' })).toThrow('invalid configuration: OUTBOX_REPLAY_WINDOW_MS: must be at most 86400000 milliseconds');
  });

  it('requires an https public URL and CHANNEL_MASTER_KEY in production', () => {
    const config = loadConsentConfig(production);
    expect(config.publicUrl).toBe('https://issuer.example');
    expect(deriveChannelKey(config.channelMasterKey, 'sms')).toEqual(deriveChannelKey(Buffer.alloc(32, 7), 'sms'));
    expect(() => loadConsentConfig({ ...production, CONSENT_PUBLIC_URL: 'http://consent.example' })).toThrow(ConfigError);
    expect(() => loadConsentConfig({ ...production, CHANNEL_MASTER_KEY: '' })).toThrow('invalid configuration: CHANNEL_MASTER_KEY: required when NODE_ENV=production');
  });
});
