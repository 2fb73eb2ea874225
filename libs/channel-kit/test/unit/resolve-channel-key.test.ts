import { randomBytes } from 'node:crypto';
import { deriveChannelKey, developmentMasterKey } from '../../src/channel-key.ts';
import { resolveChannelKey } from '../../src/resolve-channel-key.ts';

describe('resolveChannelKey', () => {
  const own = randomBytes(32);
  const master = randomBytes(32);

  it('CHANNEL_KEY as it is, before CHANNEL_MASTER_KEY', () => {
    expect(resolveChannelKey({ channelKey: own.toString('base64url'), masterKey: master.toString('base64url'), production: true }, 'sms')).toEqual(new Uint8Array(own));
  });

  it('CHANNEL_MASTER_KEY: the channel derives its own key, as the dispatcher does', () => {
    expect(resolveChannelKey({ masterKey: master.toString('base64url'), production: true }, 'sms')).toEqual(deriveChannelKey(new Uint8Array(master), 'sms'));
  });

  it('development without a key: derived from ADMIN_TOKEN like the dispatcher default', () => {
    expect(resolveChannelKey({ adminToken: 'admin-token-0123456789', production: false }, 'email')).toEqual(
      deriveChannelKey(developmentMasterKey('admin-token-0123456789'), 'email'),
    );
  });

  it.each([
    [{ production: true, adminToken: 'admin-token-0123456789' }, 'CHANNEL_KEY: required when NODE_ENV=production (or CHANNEL_MASTER_KEY)'],
    [{ production: false }, 'CHANNEL_KEY: required without ADMIN_TOKEN (or CHANNEL_MASTER_KEY)'],
    [{ production: false, channelKey: 'c2hvcnQ' }, 'CHANNEL_KEY: expected at least 32 bytes (43 base64url characters)'],
    [{ production: false, masterKey: 'not base64url!' }, 'CHANNEL_MASTER_KEY: expected base64url'],
  ])('%j: %s', (source, message) => {
    expect(() => resolveChannelKey(source, 'email')).toThrow(message);
  });
});
