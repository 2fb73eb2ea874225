import type { ChannelDeliverer } from '@ciba/channel-kit';
import { createEmailDeliverer } from '@ciba/channel-email';
import { loadEmailConfig } from '@ciba/channel-email/config';
import { createPushDeliverer, loadPushChannelConfig } from '@ciba/channel-push';
import { createSmsDeliverer } from '@ciba/channel-sms';
import { loadSmsConfig } from '@ciba/channel-sms/config';
import { createWebhookDeliverer, loadWebhookChannelConfig } from '@ciba/channel-webhook';
import { notConfiguredDeliverer } from './not-configured-deliverer.ts';

/**
 * The built-in channels the all-in-one process serves itself, each read from the same environment
 * its own process would read (`channels/<name>/src/config.ts`): webhook and push always (a push
 * provider without credentials answers `not_configured` for its entries); email once `SMTP_HOST` is
 * set and SMS once `SMS_FROM` is; until then their offers are answered `not_configured` at once, so
 * the dispatcher moves to the user's next channel instead of waiting out a deadline.
 */
export function embeddedDeliverers(env: NodeJS.ProcessEnv): ChannelDeliverer[] {
  const webhook = loadWebhookChannelConfig(env);
  return [
    createWebhookDeliverer({ timeoutMs: webhook.timeoutMs, production: webhook.production }),
    createPushDeliverer(loadPushChannelConfig(env)),
    env.SMTP_HOST ? createEmailDeliverer(loadEmailConfig(env).smtp) : notConfiguredDeliverer('email'),
    env.SMS_FROM ? createSmsDeliverer(loadSmsConfig(env).gateway) : notConfiguredDeliverer('sms'),
  ];
}
