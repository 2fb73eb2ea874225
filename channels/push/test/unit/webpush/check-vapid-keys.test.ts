import { generateVAPIDKeys } from 'web-push';
import { checkVapidKeys } from '../../../src/webpush/check-vapid-keys.ts';

describe('checkVapidKeys', () => {
  const pair = generateVAPIDKeys();
  const keys = { ...pair, subject: 'mailto:ops@example.com' };

  it('accepts a matching P-256 pair with a mailto: or https: subject', () => {
    expect(checkVapidKeys(keys)).toEqual(keys);
    expect(checkVapidKeys({ ...keys, subject: 'https://ciba.example.com/contact' }).subject).toBe('https://ciba.example.com/contact');
  });

  it.each([
    [{ publicKey: pair.privateKey }, 'VAPID_PUBLIC_KEY: expected an uncompressed P-256 public key (65 bytes, base64url)'],
    [{ privateKey: pair.publicKey }, 'VAPID_PRIVATE_KEY: expected a P-256 private key (32 bytes, base64url)'],
    [{ publicKey: generateVAPIDKeys().publicKey }, 'VAPID_PUBLIC_KEY: does not match VAPID_PRIVATE_KEY'],
    [{ privateKey: Buffer.alloc(32, 0xff).toString('base64url') }, 'VAPID_PRIVATE_KEY: not a P-256 private key'],
    [{ subject: 'ops@example.com' }, 'VAPID_SUBJECT: expected a mailto: or https: URL'],
    [{ subject: 'http://ciba.example.com' }, 'VAPID_SUBJECT: expected a mailto: or https: URL'],
  ])('%j is refused', (change, message) => {
    expect(() => checkVapidKeys({ ...keys, ...change })).toThrow(message);
  });
});
