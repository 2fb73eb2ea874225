import type { DevicePrompt } from '@ciba/contracts/api/device-prompt';
import {
  OutboundAddressError,
  OutboundError,
  OutboundTimeoutError,
  OutboundUrlError,
  postJson,
} from '@ciba/service-kit';
import type { ChannelAdapter, ChannelDelivery } from './channel-adapter.ts';

export interface WebhookChannelOptions {
  timeoutMs: number;
  /** Production rules for the URL: https only, public addresses only. */
  production: boolean;
}

const failure = (err: OutboundError): ChannelDelivery => {
  if (err instanceof OutboundTimeoutError) return { outcome: 'timeout' };
  if (err instanceof OutboundAddressError) return { outcome: 'address_refused' };
  if (err instanceof OutboundUrlError) return { outcome: 'url_refused' };
  return { outcome: 'network_error' };
};

/**
 * The `webhook` channel (interfaces.md §4): POSTs the prompt as JSON to the channel's URL. A 2xx answer
 * means the receiver has the prompt; a 3xx (never followed), any other status, a timeout or a network
 * error means it has not.
 */
export function webhookChannel(options: WebhookChannelOptions): ChannelAdapter<'webhook'> {
  return {
    type: 'webhook',
    async deliver(channel, prompt: DevicePrompt) {
      try {
        const { status } = await postJson(channel.url, prompt, { timeoutMs: options.timeoutMs, production: options.production });
        if (status >= 200 && status < 300) return { outcome: 'accepted', statusCode: status };
        return { outcome: status >= 300 && status < 400 ? 'redirected' : 'rejected', statusCode: status };
      } catch (err) {
        if (err instanceof OutboundError) return failure(err);
        throw err;
      }
    },
  };
}
