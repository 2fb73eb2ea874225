import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** One `MTLS_TRUSTED_PROXIES` entry (an address or a CIDR block) as a range. */
function toRange(entry: string): Range {
  if (entry.includes('/')) return ipaddr.parseCIDR(entry);
  const address = ipaddr.process(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/**
 * Whether a peer address (as `socket.remoteAddress` gives it, IPv4-mapped IPv6 included) lies in one
 * of the trusted ranges. Unknown or malformed addresses are not trusted.
 */
export function trustedProxyCheck(entries: readonly string[]): (remoteAddress: string | undefined) => boolean {
  const ranges = entries.map(toRange);
  return (remoteAddress) => {
    if (!remoteAddress || !ipaddr.isValid(remoteAddress)) return false;
    const address = ipaddr.process(remoteAddress);
    return ranges.some(([base, bits]) => base.kind() === address.kind() && (address as ipaddr.IPv4).match(base as ipaddr.IPv4, bits));
  };
}
