import { randomBytes } from 'node:crypto';
import { deriveChannelKey, developmentMasterKey } from '@ciba/channel-kit';
import { loadSmsConfig } from '../../src/config.ts';

const ADMIN = 'admin-token-0123456789';
const SID = 'AC0123456789abcdef0123456789abcdef';
const master = randomBytes(32).toString('base64url');
const twilio = { NODE_ENV: 'production', CHANNEL_MASTER_KEY: master, SMS_GATEWAY: 'twilio', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok', SMS_FROM: '+15550100000' };

describe('loadSmsConfig', () => {
  it('json gateway (the default): SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_FROM; development key from ADMIN_TOKEN', () => {
    const config = loadSmsConfig({ ADMIN_TOKEN: ADMIN, SMS_GATEWAY_URL: 'http://127.0.0.1:9000/sms', SMS_GATEWAY_TOKEN: 'gw', SMS_FROM: 'CIBA' });
    expect(config.gateway).toEqual({ kind: 'json', url: 'http://127.0.0.1:9000/sms', token: 'gw', from: 'CIBA', timeoutMs: 10_000, production: false });
    expect(config.key).toEqual(deriveChannelKey(developmentMasterKey(ADMIN), 'sms'));
  });

  it('twilio gateway: the API base defaults to https://api.twilio.com', () => {
    const config = loadSmsConfig(twilio);
    expect(config.gateway).toEqual({ kind: 'twilio', baseUrl: 'https://api.twilio.com', accountSid: SID, authToken: 'tok', from: '+15550100000', timeoutMs: 10_000, production: true });
    expect(config.key).toEqual(deriveChannelKey(new Uint8Array(Buffer.from(master, 'base64url')), 'sms'));
  });

  it.each([
    ['invalid configuration: SMS_GATEWAY_URL: must be https:// when NODE_ENV=production', { ...twilio, SMS_GATEWAY_URL: 'http://gateway.example.com' }],
    ['invalid configuration: TWILIO_ACCOUNT_SID: required with SMS_GATEWAY=twilio', { ...twilio, TWILIO_ACCOUNT_SID: '' }],
    ['invalid configuration: TWILIO_ACCOUNT_SID: expected AC followed by 32 hex digits', { ...twilio, TWILIO_ACCOUNT_SID: 'AC123' }],
    ['invalid configuration: TWILIO_AUTH_TOKEN: required with SMS_GATEWAY=twilio', { ...twilio, TWILIO_AUTH_TOKEN: undefined }],
    ['invalid configuration: SMS_FROM: required', { ...twilio, SMS_FROM: undefined }],
    ['invalid configuration: SMS_GATEWAY_URL: required with SMS_GATEWAY=json', { ...twilio, SMS_GATEWAY: 'json' }],
    ['invalid configuration: SMS_GATEWAY_TOKEN: required with SMS_GATEWAY=json', { ...twilio, SMS_GATEWAY: 'json', SMS_GATEWAY_URL: 'https://gw.example.com/sms' }],
    ['invalid configuration: CHANNEL_KEY: required when NODE_ENV=production (or CHANNEL_MASTER_KEY)', { ...twilio, CHANNEL_MASTER_KEY: undefined }],
  ])('%s', (message, env) => {
    expect(() => loadSmsConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
