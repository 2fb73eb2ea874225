import type { ChannelResult } from '@ciba/channel-kit';
import type { ChannelDelivery, WebPushSubscription } from '@ciba/contracts';
import { OutboundError } from '@ciba/service-kit';
import { outboundFailure } from '../outbound/outbound-failure.ts';
import { sendRequest } from '../outbound/send-request.ts';
import type { PushLogger } from '../push-logger.ts';
import type { VapidKeys } from './vapid-keys.ts';
import { webPushOutcome } from './web-push-outcome.ts';
import { webPushRequest, type WebPushRequest } from './web-push-request.ts';

export interface WebPushSenderOptions {
  vapid: VapidKeys;
  /** Bound on one call, milliseconds. */
  timeoutMs: number;
  /** Production rules for the endpoint: https only, public addresses only. */
  production: boolean;
  now: () => number;
  logger?: PushLogger;
}

/** Sends the prompt to one browser subscription. */
export type WebPushSender = (subscription: WebPushSubscription, delivery: ChannelDelivery, signal: AbortSignal) => Promise<ChannelResult>;

/**
 * Web Push: encrypts and signs the message with `web-push`, then POSTs it to the subscription's
 * endpoint ourselves, through service-kit's guarded agent. The endpoint is the user's (whoever set the
 * subscription chose it), so it gets the same outbound policy as a webhook: https only and public
 * addresses only in production, checked on the address connected to, no redirect followed. (web-push's
 * own sender takes only an `https.Agent`, which the guarded undici agent is not.)
 */
export function createWebPushSender(options: WebPushSenderOptions): WebPushSender {
  const { vapid, timeoutMs, production, now, logger } = options;
  return async (subscription, delivery, signal) => {
    let message: WebPushRequest;
    try {
      message = webPushRequest(subscription, delivery, vapid, now());
    } catch {
      logger?.warn({ channel: 'push', provider: 'webpush' }, 'the subscription keys cannot encrypt a message');
      return { delivered: false, reason: 'rejected' };
    }
    try {
      const { status } = await sendRequest(subscription.endpoint, { headers: message.headers, body: message.body, timeoutMs, production, signal, traceTarget: 'webpush' });
      return webPushOutcome(status);
    } catch (err) {
      if (err instanceof OutboundError) return outboundFailure(err);
      throw err;
    }
  };
}
