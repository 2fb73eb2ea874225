import type { ChannelDeliverer, ChannelResult } from '@ciba/channel-kit';
import type { ChannelDelivery } from '@ciba/contracts';
import { OutboundAddressError, OutboundError, OutboundTimeoutError, OutboundUrlError } from '@ciba/service-kit';
import { WEBHOOK_CHANNEL } from './config.ts';
import { postWebhook } from './post-webhook.ts';

export interface WebhookDelivererOptions {
  /** Bound on one webhook call, milliseconds (the offer's deadline, through the signal, bounds it too). */
  timeoutMs: number;
  /** Production rules for the URL: https only, public addresses only. */
  production: boolean;
}

/** The header carrying the detached JWS of the body (RFC 7515 Appendix F), verifiable with the server's `/jwks`. */
export const SIGNATURE_HEADER = 'Ciba-Signature';

function failure(err: OutboundError): ChannelResult {
  if (err instanceof OutboundTimeoutError) return { delivered: false, reason: 'timeout' };
  if (err instanceof OutboundAddressError) return { delivered: false, reason: 'address_refused' };
  if (err instanceof OutboundUrlError) return { delivered: false, reason: 'url_refused' };
  return { delivered: false, reason: 'network_error' };
}

function outcomeOf(status: number): ChannelResult {
  if (status >= 200 && status < 300) return { delivered: true, statusCode: status };
  return { delivered: false, reason: status >= 300 && status < 400 ? 'redirected' : 'rejected', statusCode: status };
}

/**
 * The `webhook` channel (interfaces.md §4): POSTs the device prompt to the entry's URL. A signed offer's
 * body goes out byte for byte with `Ciba-Signature: <detached JWS>`; an unsigned one as the prompt's
 * JSON. 2xx: delivered; 3xx (never followed): `redirected`; any other status: `rejected`; no answer:
 * `timeout`, `network_error`, `address_refused` or `url_refused`.
 */
export function createWebhookDeliverer(options: WebhookDelivererOptions): ChannelDeliverer {
  return {
    channel: WEBHOOK_CHANNEL,
    async deliver(delivery: ChannelDelivery, signal: AbortSignal): Promise<ChannelResult> {
      if (delivery.channel.type !== 'webhook') return { delivered: false, reason: 'not_configured' };
      const signed = delivery.signed_body;
      const body = signed ? signed.body : JSON.stringify(delivery.prompt);
      const headers = signed ? { [SIGNATURE_HEADER]: signed.signature } : undefined;
      try {
        return outcomeOf(await postWebhook(delivery.channel.url, body, { timeoutMs: options.timeoutMs, production: options.production, signal, ...(headers ? { headers } : {}) }));
      } catch (err) {
        if (err instanceof OutboundError) return failure(err);
        throw err;
      }
    },
  };
}
