import { BlockList, isIP } from 'node:net';

/** Addresses an outbound call must never reach in production: loopback, private, link-local, metadata, reserved. */
const forbidden = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) forbidden.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) forbidden.addSubnet(net, prefix, 'ipv6');

function forbiddenAddress(host: string): boolean {
  const literal = host.replace(/^\[|\]$/g, '');
  const version = isIP(literal);
  if (version === 4) return forbidden.check(literal, 'ipv4');
  if (version === 6) {
    return forbidden.check(literal, 'ipv6');
  }
  const name = literal.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Checks a URL the server will call (notification endpoint, `jwks_uri`, webhook): absolute http(s),
 * no fragment, no credentials; in production https only and no literal loopback, private,
 * link-local or reserved address (names are checked again when resolved, by the caller that connects).
 * Returns what is wrong, or undefined when the URL is acceptable.
 */
export function checkOutboundUrl(value: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.hash || value.includes('#')) return 'must not contain a fragment';
  if (url.username || url.password) return 'must not contain credentials';
  if (!url.hostname) return 'must name a host';
  if (production) {
    if (url.protocol !== 'https:') return 'must use https';
    if (forbiddenAddress(url.hostname)) return 'must not point to a loopback, private or reserved address';
  }
  return undefined;
}
