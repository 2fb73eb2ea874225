import type { ChannelDeliverer, ChannelResult } from '@ciba/channel-kit';
import type { ChannelDelivery } from '@ciba/contracts';
import { createFcmSender, type FcmSender } from './fcm/create-fcm-sender.ts';
import type { ServiceAccount } from './fcm/service-account.ts';
import type { PushLogger } from './push-logger.ts';
import type { VapidKeys } from './webpush/vapid-keys.ts';
import { createWebPushSender, type WebPushSender } from './webpush/create-web-push-sender.ts';

/** The channel this package serves: its topic is `ciba.channel-offers.push`, its group `channel.push`. */
export const PUSH_CHANNEL = 'push';

export interface PushDelivererConfig {
  /** Production rules for every call: https only, public addresses only. */
  production: boolean;
  /** Bound on one provider call (token endpoint, FCM, push service), milliseconds; the offer's deadline bounds it too. */
  timeoutMs: number;
  /** FCM HTTP v1; absent: `fcm` entries fail `not_configured`. */
  fcm?: { serviceAccount: ServiceAccount; baseUrl: string };
  /** Web Push VAPID identity; absent: `webpush` entries fail `not_configured`. */
  webPush?: VapidKeys;
  /** Warnings the operator must see (credentials refused); never a token or an address. */
  logger?: PushLogger;
  /** Clock, milliseconds (token expiry, TTL). @defaultValue Date.now */
  now?: () => number;
}

/**
 * The `push` channel: delivers the prompt to an authenticator app, over FCM HTTP v1 to the entry's
 * registration token (a data message), or over Web Push to the entry's browser subscription (the
 * prompt's JSON, encrypted). A provider without credentials fails its entries `not_configured`;
 * a token or subscription the provider no longer knows fails `gone`.
 */
export function createPushDeliverer(config: PushDelivererConfig): ChannelDeliverer {
  const now = config.now ?? Date.now;
  const common = { timeoutMs: config.timeoutMs, production: config.production, now, ...(config.logger ? { logger: config.logger } : {}) };
  const fcm: FcmSender | undefined = config.fcm && createFcmSender({ ...common, account: config.fcm.serviceAccount, baseUrl: config.fcm.baseUrl });
  const webPush: WebPushSender | undefined = config.webPush && createWebPushSender({ ...common, vapid: config.webPush });
  const notConfigured: ChannelResult = { delivered: false, reason: 'not_configured' };
  return {
    channel: PUSH_CHANNEL,
    async deliver(delivery: ChannelDelivery, signal: AbortSignal): Promise<ChannelResult> {
      const entry = delivery.channel;
      if (entry.type !== 'push') return notConfigured;
      if (entry.provider === 'fcm') return fcm ? fcm(entry.token, delivery, signal) : notConfigured;
      return webPush ? webPush(entry.subscription, delivery, signal) : notConfigured;
    },
  };
}
