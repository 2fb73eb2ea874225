import type { ChannelDeliverer } from '@ciba/channel-kit';

/** A built-in channel this installation has not set up: every offer fails `not_configured` at once. */
export function notConfiguredDeliverer(channel: string): ChannelDeliverer {
  return { channel, deliver: async () => ({ delivered: false, reason: 'not_configured' }) };
}
