import { deriveChannelKey, type ChannelKey } from '@ciba/channel-kit';

/** Each channel's sealing key, derived once from the master key. */
export interface ChannelKeys {
  keyOf(channel: string): ChannelKey;
}

/** `deriveChannelKey(master, channel)`, remembered per channel. */
export function channelKeys(masterKey: Uint8Array): ChannelKeys {
  const keys = new Map<string, ChannelKey>();
  return {
    keyOf(channel) {
      let key = keys.get(channel);
      if (!key) {
        key = deriveChannelKey(masterKey, channel);
        keys.set(channel, key);
      }
      return key;
    },
  };
}
