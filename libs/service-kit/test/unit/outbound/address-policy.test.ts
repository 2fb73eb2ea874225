import { isAllowedAddress } from '../../../src/outbound/address-policy.ts';

describe('isAllowedAddress', () => {
  it('allows loopback and private addresses in development', () => {
    expect(isAllowedAddress('127.0.0.1', false)).toBe(true);
    expect(isAllowedAddress('::1', false)).toBe(true);
    expect(isAllowedAddress('10.0.0.5', false)).toBe(true);
  });

  it('never allows the metadata services, even in development', () => {
    expect(isAllowedAddress('169.254.169.254', false)).toBe(false);
    expect(isAllowedAddress('fd00:ec2::254', false)).toBe(false);
    expect(isAllowedAddress('::ffff:169.254.169.254', false)).toBe(false);
  });

  it('allows only public addresses in production', () => {
    expect(isAllowedAddress('127.0.0.1', true)).toBe(false);
    expect(isAllowedAddress('192.168.0.1', true)).toBe(false);
    expect(isAllowedAddress('8.8.8.8', true)).toBe(true);
  });
});
