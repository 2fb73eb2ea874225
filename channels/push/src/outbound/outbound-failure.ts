import type { ChannelResult } from '@ciba/channel-kit';
import { OutboundAddressError, OutboundTimeoutError, OutboundUrlError, type OutboundError } from '@ciba/service-kit';

/** The failed outcome of a call that got no answer. */
export function outboundFailure(err: OutboundError): ChannelResult {
  if (err instanceof OutboundTimeoutError) return { delivered: false, reason: 'timeout' };
  if (err instanceof OutboundAddressError) return { delivered: false, reason: 'address_refused' };
  if (err instanceof OutboundUrlError) return { delivered: false, reason: 'url_refused' };
  return { delivered: false, reason: 'network_error' };
}
