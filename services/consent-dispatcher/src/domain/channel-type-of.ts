import type { ChannelType } from '@ciba/contracts';

const BUILT_IN: ReadonlySet<string> = new Set<ChannelType>(['webhook', 'email', 'sms', 'push']);

/** The entry type a channel serves: a built-in channel is its own type; any other name is a plug-in's. */
export function channelTypeOf(channel: string): ChannelType {
  return BUILT_IN.has(channel) ? (channel as ChannelType) : 'plugin';
}
