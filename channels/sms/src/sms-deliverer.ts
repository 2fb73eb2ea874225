import type { ChannelDeliverer } from '@ciba/channel-kit';
import type { SmsGatewayConfig } from './config.ts';
import { gatewayNumber, gatewayRequest } from './gateway-request.ts';
import { gatewayErrorResult, gatewayStatusResult } from './gateway-result.ts';
import { postToGateway } from './post-to-gateway.ts';
import { smsText } from './sms-text.ts';

/**
 * The `sms` channel: texts the user the client's name, the binding message and the link to the
 * hosted approval page through an HTTP SMS gateway (`json` or `twilio` shape). Delivered on a 2xx;
 * a 429 or 5xx (and any other answer) is `rejected`, for the dispatcher to fall back to the next
 * channel; no answer is `timeout` or `network_error`. An offer for another kind of entry is
 * `not_configured`.
 */
export function createSmsDeliverer(config: SmsGatewayConfig): ChannelDeliverer {
  return {
    channel: 'sms',
    async deliver(delivery, signal) {
      if (delivery.channel.type !== 'sms') return { delivered: false, reason: 'not_configured' };
      const call = gatewayRequest(config, gatewayNumber(delivery.channel.phone), smsText(delivery));
      try {
        return gatewayStatusResult(await postToGateway(call, { timeoutMs: config.timeoutMs, production: config.production, signal }));
      } catch (err) {
        return gatewayErrorResult(err);
      }
    },
  };
}
