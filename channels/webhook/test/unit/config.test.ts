import { randomBytes } from 'node:crypto';
import { deriveChannelKey, developmentMasterKey } from '@ciba/channel-kit';
import { loadWebhookChannelConfig } from '../../src/config.ts';

const master = randomBytes(32);
const adminToken = 'dev-admin-token-0123456789';

describe('loadWebhookChannelConfig', () => {
  it('defaults: development, 5000 ms, Redis on loopback, health on 8090, the key derived from ADMIN_TOKEN as the dispatcher does', () => {
    expect(loadWebhookChannelConfig({ ADMIN_TOKEN: adminToken })).toEqual({
      production: false,
      timeoutMs: 5000,
      key: deriveChannelKey(developmentMasterKey(adminToken), 'webhook'),
      redisUrl: 'redis://127.0.0.1:6379',
      kafkaBrokers: undefined,
      kafkaTopicPrefix: '',
      kafkaPartitions: 8,
      kafkaReplicationFactor: -1,
      kafkaSessionTimeoutMs: 30000,
      redisNamespace: 'ciba',
      logLevel: 'info',
      metricsPort: 9464,
      healthPort: 8090,
      host: undefined,
    });
  });

  it('CHANNEL_MASTER_KEY: the webhook key is derived from it', () => {
    const config = loadWebhookChannelConfig({ CHANNEL_MASTER_KEY: master.toString('base64url'), NODE_ENV: 'production' });
    expect(config.key).toEqual(deriveChannelKey(new Uint8Array(master), 'webhook'));
  });

  it('CHANNEL_KEY: taken as it is, before CHANNEL_MASTER_KEY', () => {
    const key = randomBytes(32);
    const config = loadWebhookChannelConfig({ CHANNEL_KEY: key.toString('base64url'), CHANNEL_MASTER_KEY: master.toString('base64url') });
    expect(config.key).toEqual(new Uint8Array(key));
  });

  it('production without CHANNEL_KEY or CHANNEL_MASTER_KEY: a one-line error', () => {
    expect(() => loadWebhookChannelConfig({ NODE_ENV: 'production', ADMIN_TOKEN: adminToken })).toThrow(
      'invalid configuration: CHANNEL_KEY: CHANNEL_KEY or CHANNEL_MASTER_KEY is required when NODE_ENV=production',
    );
  });

  it('development without any key nor ADMIN_TOKEN: a one-line error', () => {
    expect(() => loadWebhookChannelConfig({})).toThrow('invalid configuration: CHANNEL_KEY: set CHANNEL_KEY, CHANNEL_MASTER_KEY, or (development) the ADMIN_TOKEN the dispatcher uses');
  });

  it('CHANNEL_KEY shorter than 32 bytes is refused', () => {
    expect(() => loadWebhookChannelConfig({ CHANNEL_KEY: randomBytes(16).toString('base64url') })).toThrow('invalid configuration: CHANNEL_KEY: expected at least 32 bytes as base64url');
  });

  it('WEBHOOK_TIMEOUT_MS, KAFKA_BROKERS, REDIS_NAMESPACE', () => {
    const config = loadWebhookChannelConfig({ ADMIN_TOKEN: adminToken, WEBHOOK_TIMEOUT_MS: '2500', KAFKA_BROKERS: 'k1:9092,k2:9092', REDIS_NAMESPACE: 'staging' });
    expect(config).toMatchObject({ timeoutMs: 2500, kafkaBrokers: ['k1:9092', 'k2:9092'], redisNamespace: 'staging' });
    expect(() => loadWebhookChannelConfig({ ADMIN_TOKEN: adminToken, WEBHOOK_TIMEOUT_MS: '99' })).toThrow('invalid configuration: WEBHOOK_TIMEOUT_MS: must be at least 100 milliseconds');
  });
});
