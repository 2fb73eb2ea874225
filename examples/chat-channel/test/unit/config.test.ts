import { randomBytes } from 'node:crypto';
import { loadChatChannelConfig } from '../../src/config.ts';

const key = randomBytes(32);
const env = { CHANNEL_KEY: key.toString('base64url'), CHAT_SERVER_URL: 'http://127.0.0.1:9000/messages' };

describe('loadChatChannelConfig', () => {
  it('defaults: channel chat, 5000 ms, Redis on loopback, health on 127.0.0.1:8091', () => {
    expect(loadChatChannelConfig(env)).toEqual({
      channel: 'chat',
      key: new Uint8Array(key),
      chatServerUrl: 'http://127.0.0.1:9000/messages',
      timeoutMs: 5000,
      kafkaBrokers: [],
      kafkaTopicPrefix: '',
      redisUrl: 'redis://127.0.0.1:6379',
      redisNamespace: 'ciba',
      healthPort: 8091,
      host: '127.0.0.1',
    });
  });

  it('CHANNEL_KEY is required, and names how to get it', () => {
    expect(() => loadChatChannelConfig({ ...env, CHANNEL_KEY: '' })).toThrow('invalid configuration: CHANNEL_KEY: required (npm run channel-key -- chat)');
    expect(() => loadChatChannelConfig({ ...env, CHANNEL_KEY: randomBytes(16).toString('base64url') })).toThrow('invalid configuration: CHANNEL_KEY: expected at least 32 bytes');
  });

  it('CHANNEL_NAME must be a plug-in name, not a built-in type', () => {
    expect(loadChatChannelConfig({ ...env, CHANNEL_NAME: 'team-chat' }).channel).toBe('team-chat');
    for (const name of ['webhook', 'Chat', 'chat_bot']) {
      expect(() => loadChatChannelConfig({ ...env, CHANNEL_NAME: name })).toThrow('invalid configuration: CHANNEL_NAME: expected a plug-in name');
    }
  });

  it('CHAT_SERVER_URL must be an http(s) URL; CHAT_TIMEOUT_MS a whole number in range; KAFKA_BROKERS a list', () => {
    expect(() => loadChatChannelConfig({ ...env, CHAT_SERVER_URL: 'ftp://chat' })).toThrow('invalid configuration: CHAT_SERVER_URL: expected an http(s) URL');
    expect(() => loadChatChannelConfig({ ...env, CHAT_TIMEOUT_MS: '5s' })).toThrow('invalid configuration: CHAT_TIMEOUT_MS: expected a whole number from 100 to 60000');
    expect(loadChatChannelConfig({ ...env, KAFKA_BROKERS: 'k1:9092, k2:9092' }).kafkaBrokers).toEqual(['k1:9092', 'k2:9092']);
  });
});
