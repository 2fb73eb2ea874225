import { randomBytes, randomUUID } from 'node:crypto';
import { deriveChannelKey, parseKey } from '../../src/channel-key.ts';
import { openDelivery } from '../../src/open-delivery.ts';
import { sealDelivery } from '../../src/seal-delivery.ts';
import { sampleDelivery } from '../support/sample-offer.ts';

const master = new Uint8Array(randomBytes(32));

describe('sealDelivery / openDelivery', () => {
  it('round-trips under the channel key, and the sealed text shows neither the address nor the decision token', async () => {
    const key = deriveChannelKey(master, 'email');
    const offerId = randomUUID();
    const delivery = sampleDelivery(offerId);
    const sealed = await sealDelivery(delivery, key);
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('alice');
    expect(Buffer.from(sealed.split('.')[0]!, 'base64url').toString()).toBe('{"alg":"dir","enc":"A256GCM","cty":"ciba-channel-delivery+json"}');
    await expect(openDelivery(sealed, key, offerId)).resolves.toEqual(delivery);
  });

  it('another channel key, another offer id or a tampered ciphertext opens nothing', async () => {
    const offerId = randomUUID();
    const sealed = await sealDelivery(sampleDelivery(offerId), deriveChannelKey(master, 'email'));
    await expect(openDelivery(sealed, deriveChannelKey(master, 'sms'), offerId)).resolves.toBeNull();
    await expect(openDelivery(sealed, deriveChannelKey(master, 'email'), randomUUID())).resolves.toBeNull();
    const parts = sealed.split('.');
    parts[3] = Buffer.from(Buffer.from(parts[3]!, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url');
    await expect(openDelivery(parts.join('.'), deriveChannelKey(master, 'email'), offerId)).resolves.toBeNull();
    await expect(openDelivery('not a jwe', deriveChannelKey(master, 'email'), offerId)).resolves.toBeNull();
  });

  it('refuses to seal a delivery off its contract', async () => {
    const bad = { ...sampleDelivery(randomUUID()), approval_uri: 'javascript:alert(1)' };
    await expect(sealDelivery(bad, deriveChannelKey(master, 'email'))).rejects.toThrow();
  });
});

describe('channel keys', () => {
  it('are derived per channel, and a key must be at least 32 bytes of base64url', () => {
    expect(Buffer.from(deriveChannelKey(master, 'email')).equals(Buffer.from(deriveChannelKey(master, 'sms')))).toBe(false);
    expect(deriveChannelKey(master, 'email')).toHaveLength(32);
    expect(parseKey(Buffer.from(master).toString('base64url'))).toEqual(master);
    expect(() => parseKey('short')).toThrow('expected at least 32 bytes');
    expect(() => parseKey('not base64url!')).toThrow('expected base64url');
    expect(() => deriveChannelKey(new Uint8Array(16), 'email')).toThrow('at least 32 bytes');
  });
});
