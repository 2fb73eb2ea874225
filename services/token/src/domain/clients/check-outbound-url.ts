import { checkOutboundUrl as vetOutboundUrl, OutboundError } from '@ciba/service-kit';

const loopbackName = (host: string) => {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
};

/**
 * Checks a URL the server will call (notification endpoint, `jwks_uri`, webhook) when it is
 * registered: the outbound rules of `@ciba/service-kit` (http(s), https only in production, no
 * credentials, no disallowed literal address), plus no fragment and, in production, no `localhost`
 * name. Host names are checked again on the addresses actually connected to, by the caller that
 * connects. Returns what is wrong, or undefined when the URL is acceptable.
 */
export function checkOutboundUrl(value: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = vetOutboundUrl(value, production);
  } catch (err) {
    if (err instanceof OutboundError) return err.code === 'outbound_address' ? 'must not point to a loopback, private or reserved address' : err.message.replace(/^url /, '');
    throw err;
  }
  if (url.hash || value.includes('#')) return 'must not contain a fragment';
  if (production && loopbackName(url.hostname)) return 'must not point to a loopback, private or reserved address';
  return undefined;
}
