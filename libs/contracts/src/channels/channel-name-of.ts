import type { UserChannel } from '../ports/directory.ts';

/** The channel that serves a user's channel entry: its type, or a plug-in's name. */
export function channelNameOf(channel: UserChannel): string {
  return channel.type === 'plugin' ? channel.name : channel.type;
}
