import type { UserChannel } from '@ciba/contracts';
import type { ChannelAdapter, ChannelAdapters } from './channel-adapter.ts';

/** The adapter configured for the channel's type, or undefined. */
export function adapterFor(adapters: ChannelAdapters, channel: UserChannel): ChannelAdapter | undefined {
  return adapters[channel.type] as ChannelAdapter | undefined;
}
