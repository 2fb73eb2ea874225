import { isPublicAddress } from '../../../src/outbound/is-public-address.ts';

describe('isPublicAddress', () => {
  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
  ])('accepts the public address %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback (whole /8)', '127.255.0.1'],
    ['loopback v6', '::1'],
    ['RFC 1918 10/8', '10.1.2.3'],
    ['RFC 1918 172.16/12', '172.16.0.1'],
    ['RFC 1918 172.31', '172.31.255.255'],
    ['RFC 1918 192.168/16', '192.168.1.1'],
    ['ULA', 'fd12:3456:789a::1'],
    ['ULA fc00::/7', 'fc00::1'],
    ['link-local', '169.254.1.1'],
    ['link-local v6', 'fe80::1'],
    ['CGNAT', '100.64.0.1'],
    ['CGNAT upper end', '100.127.255.254'],
    ['multicast', '224.0.0.1'],
    ['multicast v6', 'ff02::1'],
    ['unspecified', '0.0.0.0'],
    ['unspecified v6', '::'],
    ['this network 0/8', '0.1.2.3'],
    ['broadcast', '255.255.255.255'],
    ['metadata', '169.254.169.254'],
    ['metadata v6', 'fd00:ec2::254'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['documentation', '192.0.2.1'],
    ['documentation v6', '2001:db8::1'],
    ['6to4 (may wrap a private address)', '2002:c0a8:0101::1'],
    ['NAT64 (may wrap a private address)', '64:ff9b::a00:1'],
    ['reserved 240/4', '240.0.0.1'],
    ['not an address', 'example.com'],
    ['empty', ''],
    ['shorthand IPv4 that some parsers accept', '127.1'],
    ['hex IPv4 that some parsers accept', '0x7f000001'],
  ])('rejects %s (%s)', (_label, ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });
});
