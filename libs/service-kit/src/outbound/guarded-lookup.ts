import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isAllowedAddress } from './address-policy.ts';
import { OutboundAddressError } from './outbound-errors.ts';

/**
 * A `lookup` for `net.connect`/`tls.connect` that resolves every address of the host and refuses the
 * connection when any of them is not allowed. The check runs on the very addresses the socket then
 * connects to, so a DNS answer that changes between a check and the connect (rebinding) cannot slip
 * through.
 */
export function guardedLookup(production: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      if (addresses.length === 0 || addresses.some((a) => !isAllowedAddress(a.address, production))) {
        return callback(new OutboundAddressError(), '', 0);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}
