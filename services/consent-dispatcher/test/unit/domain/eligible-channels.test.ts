import type { UserChannel } from '@ciba/contracts';
import { eligibleChannels } from '../../../src/domain/eligible-channels.ts';
import { entryHash } from '../../../src/domain/entry-hash.ts';

const channels: UserChannel[] = [
  { type: 'push', provider: 'fcm', token: 'old' },
  { type: 'sms', phone: '+15550100' },
  { type: 'webhook', url: 'https://device.example/hook' },
  { type: 'plugin', name: 'telegram', target: '42' },
];

describe('eligibleChannels', () => {
  it('keeps the user order and positions, every type when the client sets no policy', () => {
    expect(eligibleChannels(channels, undefined, new Set()).map((c) => c.index)).toEqual([0, 1, 2, 3]);
  });

  it("skips the types outside the client's consent_channel_types", () => {
    expect(eligibleChannels(channels, ['webhook', 'plugin'], new Set()).map((c) => [c.index, c.entry.type])).toEqual([
      [2, 'webhook'],
      [3, 'plugin'],
    ]);
  });

  it('skips disabled entries by hash; a replaced entry is a new one', () => {
    const disabled = new Set([entryHash(channels[0]!)]);
    expect(eligibleChannels(channels, undefined, disabled).map((c) => c.index)).toEqual([1, 2, 3]);
    const replaced: UserChannel[] = [{ type: 'push', provider: 'fcm', token: 'new' }, ...channels.slice(1)];
    expect(eligibleChannels(replaced, undefined, disabled).map((c) => c.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('entryHash', () => {
  it('hashes canonical JSON: key order does not matter, values do', () => {
    const a: UserChannel = { type: 'push', provider: 'webpush', subscription: { endpoint: 'https://push.example/1', keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } } };
    const b = JSON.parse('{"subscription":{"keys":{"auth":"' + 'a'.repeat(22) + '","p256dh":"' + 'B'.repeat(87) + '"},"endpoint":"https://push.example/1"},"provider":"webpush","type":"push"}') as UserChannel;
    expect(entryHash(b)).toBe(entryHash(a));
    expect(entryHash({ type: 'sms', phone: '+15550101' })).not.toBe(entryHash({ type: 'sms', phone: '+15550100' }));
    expect(entryHash(a)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
