import type { ChannelDeliverer, ChannelResult } from '@ciba/channel-kit';

/** A plug-in channel for tests that answers every offer the same way, and counts them. */
export function fixedDeliverer(channel: string, result: ChannelResult): ChannelDeliverer & { offers: number } {
  const deliverer = {
    channel,
    offers: 0,
    async deliver() {
      deliverer.offers += 1;
      return result;
    },
  };
  return deliverer;
}
