import type { ChannelDeliverer } from '@ciba/channel-kit';
import { OutboundError, OutboundTimeoutError, postJson } from '@ciba/service-kit';

/**
 * Tests only: the webhook channel as `@ciba/channel-webhook` behaves, small: POSTs the signed body
 * (its JSON, byte for byte) with `Ciba-Signature`; 2xx delivered, 3xx redirected, other rejected,
 * a timeout or network error as its reason.
 */
export function testWebhookDeliverer(timeoutMs = 1000): ChannelDeliverer {
  return {
    channel: 'webhook',
    async deliver(delivery) {
      if (delivery.channel.type !== 'webhook') return { delivered: false, reason: 'not_configured' };
      const signed = delivery.signed_body;
      try {
        const { status } = await postJson(delivery.channel.url, signed ? JSON.parse(signed.body) : delivery.prompt, {
          timeoutMs,
          production: false,
          ...(signed ? { headers: { 'Ciba-Signature': signed.signature } } : {}),
        });
        if (status >= 200 && status < 300) return { delivered: true, statusCode: status };
        return { delivered: false, reason: status >= 300 && status < 400 ? 'redirected' : 'rejected', statusCode: status };
      } catch (err) {
        if (err instanceof OutboundTimeoutError) return { delivered: false, reason: 'timeout' };
        if (err instanceof OutboundError) return { delivered: false, reason: 'network_error' };
        throw err;
      }
    },
  };
}
