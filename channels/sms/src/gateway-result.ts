import type { ChannelResult } from '@ciba/channel-kit';
import { OutboundAddressError, OutboundTimeoutError, OutboundUrlError } from '@ciba/service-kit';

/** A gateway's HTTP status as an outcome: 2xx delivered; 3xx `redirected` (never followed); 429, other 4xx and 5xx `rejected`. */
export function gatewayStatusResult(status: number): ChannelResult {
  if (status >= 200 && status < 300) return { delivered: true, statusCode: status };
  return { delivered: false, reason: status >= 300 && status < 400 ? 'redirected' : 'rejected', statusCode: status };
}

/** A call that got no answer: `timeout`, `address_refused`, `url_refused` or `network_error`. */
export function gatewayErrorResult(err: unknown): ChannelResult {
  if (err instanceof OutboundTimeoutError) return { delivered: false, reason: 'timeout' };
  if (err instanceof OutboundAddressError) return { delivered: false, reason: 'address_refused' };
  if (err instanceof OutboundUrlError) return { delivered: false, reason: 'url_refused' };
  return { delivered: false, reason: 'network_error' };
}
