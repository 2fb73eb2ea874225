import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import { deriveChannelKey, developmentMasterKey } from '@ciba/channel-kit';
import { loadPushChannelConfig } from '../../src/config.ts';
import { serviceAccountFixture } from '../support/service-account-fixture.ts';

describe('loadPushChannelConfig', () => {
  const adminToken = 'admin-token-for-tests-0123456789';
  const master = randomBytes(32);
  const vapid = generateVAPIDKeys();
  const google = serviceAccountFixture('https://oauth2.googleapis.com/token');
  const vapidEnv = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@example.com' };
  const production = { NODE_ENV: 'production', CHANNEL_MASTER_KEY: master.toString('base64url') };

  it('development defaults: no provider, the key derived from ADMIN_TOKEN as the dispatcher derives it', () => {
    const config = loadPushChannelConfig({ ADMIN_TOKEN: adminToken });
    expect(config).toEqual({
      production: false,
      timeoutMs: 5000,
      key: deriveChannelKey(developmentMasterKey(adminToken), 'push'),
      redisUrl: 'redis://127.0.0.1:6379',
      redisNamespace: 'ciba',
      kafkaTopicPrefix: '',
      kafkaPartitions: 8,
      kafkaReplicationFactor: -1,
      kafkaSessionTimeoutMs: 30000,
      logLevel: 'info',
      metricsPort: 9464,
      healthPort: 8093,
    });
  });

  it('CHANNEL_KEY is used as is; CHANNEL_MASTER_KEY derives the push key', () => {
    const key = randomBytes(32);
    expect(loadPushChannelConfig({ CHANNEL_KEY: key.toString('base64url'), CHANNEL_MASTER_KEY: master.toString('base64url') }).key).toEqual(new Uint8Array(key));
    expect(loadPushChannelConfig({ CHANNEL_MASTER_KEY: master.toString('base64url') }).key).toEqual(deriveChannelKey(new Uint8Array(master), 'push'));
  });

  it('both providers configured: the service account (JSON or a file path) and the VAPID identity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'push-config-'));
    try {
      writeFileSync(join(dir, 'sa.json'), google.json);
      const config = loadPushChannelConfig({ ...production, FCM_SERVICE_ACCOUNT_JSON: join(dir, 'sa.json'), ...vapidEnv, PUSH_TIMEOUT_MS: '3000' });
      expect(config.fcm).toEqual({ serviceAccount: google.account, baseUrl: 'https://fcm.googleapis.com' });
      expect(config.webPush).toEqual({ publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: 'mailto:ops@example.com' });
      expect(config.timeoutMs).toBe(3000);
      expect(loadPushChannelConfig({ ...production, FCM_SERVICE_ACCOUNT_JSON: google.json, FCM_BASE_URL: 'https://fcm.example.com/' }).fcm!.baseUrl).toBe('https://fcm.example.com');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'invalid configuration: CHANNEL_KEY: CHANNEL_KEY or CHANNEL_MASTER_KEY is required when NODE_ENV=production'],
    [{ NODE_ENV: 'production', ADMIN_TOKEN: adminToken }, 'invalid configuration: CHANNEL_KEY: CHANNEL_KEY or CHANNEL_MASTER_KEY is required when NODE_ENV=production'],
    [{}, 'invalid configuration: CHANNEL_KEY: set CHANNEL_KEY, CHANNEL_MASTER_KEY, or (development) the ADMIN_TOKEN the dispatcher uses'],
    [{ CHANNEL_KEY: 'short' }, 'invalid configuration: CHANNEL_KEY: expected at least 32 bytes as base64url'],
    [{ ...production, FCM_BASE_URL: 'http://fcm.example.com' }, 'invalid configuration: FCM_BASE_URL: must be https:// when NODE_ENV=production'],
    [{ ...production, FCM_SERVICE_ACCOUNT_JSON: '{"project_id":"x"' }, 'invalid configuration: FCM_SERVICE_ACCOUNT_JSON: expected the service-account JSON or the path of its file'],
    [{ ...production, VAPID_PUBLIC_KEY: vapid.publicKey }, 'invalid configuration: VAPID_PUBLIC_KEY: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together'],
    [{ ...production, ...vapidEnv, VAPID_PUBLIC_KEY: generateVAPIDKeys().publicKey }, 'invalid configuration: VAPID_PUBLIC_KEY: does not match VAPID_PRIVATE_KEY'],
    [{ ...production, ...vapidEnv, VAPID_SUBJECT: 'ops@example.com' }, 'invalid configuration: VAPID_SUBJECT: expected a mailto: or https: URL'],
    [{ ...production, PUSH_TIMEOUT_MS: '10' }, 'invalid configuration: PUSH_TIMEOUT_MS: must be at least 100 milliseconds'],
  ])('%j is refused', (env, message) => {
    expect(() => loadPushChannelConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('production: a service account whose token_uri is http is refused', () => {
    const plain = serviceAccountFixture('http://oauth2.example.com/token');
    expect(() => loadPushChannelConfig({ ...production, FCM_SERVICE_ACCOUNT_JSON: plain.json })).toThrow(
      'invalid configuration: FCM_SERVICE_ACCOUNT_JSON: token_uri must be https:// when NODE_ENV=production',
    );
    expect(loadPushChannelConfig({ ...production, NODE_ENV: 'development', FCM_SERVICE_ACCOUNT_JSON: plain.json }).fcm!.serviceAccount.token_uri).toBe('http://oauth2.example.com/token');
  });

  it('a bad service-account key never appears in the error', () => {
    const leaked = JSON.stringify({ ...google.account, client_email: 'not-an-email' });
    let message = '';
    try {
      loadPushChannelConfig({ ...production, FCM_SERVICE_ACCOUNT_JSON: leaked });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^invalid configuration: FCM_SERVICE_ACCOUNT_JSON: client_email: /);
    expect(message).not.toContain('PRIVATE KEY');
  });
});
