import { isIP } from 'node:net';
import { isAllowedAddress } from './address-policy.ts';
import { OutboundAddressError, OutboundUrlError } from './outbound-errors.ts';

/**
 * Parses and vets an outbound URL before any connection: http(s) only, https only in production, no
 * embedded credentials. An IP-literal host is checked here, since `net.connect` skips the lookup for
 * it; a host name is checked at connection time by `guardedLookup`.
 */
export function checkOutboundUrl(raw: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlError('url is not valid');
  }
  if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) {
    throw new OutboundUrlError(production ? 'url must use https' : 'url must use http or https');
  }
  if (url.username || url.password) throw new OutboundUrlError('url must not carry credentials');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0 && !isAllowedAddress(host, production)) throw new OutboundAddressError();
  return url;
}
