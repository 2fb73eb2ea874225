import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** IPv6 global unicast (RFC 4291 §2.4): anything outside it is not a public destination. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * Whether `ip` is an address a production server may call: a plain global unicast address. False for
 * loopback, RFC 1918 private, unique-local (fc00::/7), link-local (incl. the cloud metadata services
 * 169.254.169.254 and fd00:ec2::254), CGNAT (100.64/10), multicast, broadcast, unspecified, reserved,
 * documentation and transition ranges (6to4, Teredo, NAT64) that could hide one of those, and for
 * anything that is not an IP literal. IPv4-mapped IPv6 addresses are judged as the IPv4 they carry.
 */
export function isPublicAddress(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  const addr = ipaddr.process(ip);
  if (addr.kind() === 'ipv4') return addr.range() === 'unicast';
  return addr.range() === 'unicast' && addr.match(GLOBAL_UNICAST);
}
