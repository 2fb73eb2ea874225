import type { ChannelDeliverer } from '@ciba/channel-kit';
import type { BaseConfig } from '@ciba/service-kit';

/**
 * The channels the all-in-one process serves itself. Each built-in channel package
 * (`channels/<name>`, `@ciba/channel-<name>`) contributes its deliverer here, e.g.
 * `createWebhookDeliverer({ timeoutMs, production: base.production })` from `@ciba/channel-webhook`.
 */
export function embeddedDeliverers(_env: NodeJS.ProcessEnv, _base: BaseConfig): ChannelDeliverer[] {
  return [];
}
