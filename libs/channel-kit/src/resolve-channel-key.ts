import { deriveChannelKey, developmentMasterKey, parseKey, type ChannelKey } from './channel-key.ts';

/** Where a channel process finds its key: the variables every channel's config.ts reads. */
export interface ChannelKeySource {
  /** `CHANNEL_KEY`: the channel's own key (base64url), as `npm run channel-key -- <channel>` prints it. */
  channelKey?: string;
  /** `CHANNEL_MASTER_KEY`: the dispatcher's master key (base64url); the channel derives its own from it. */
  masterKey?: string;
  /** `ADMIN_TOKEN`: the development default derives the master key from it. */
  adminToken?: string;
  production: boolean;
}

/**
 * A channel process's key: `CHANNEL_KEY`, else derived from `CHANNEL_MASTER_KEY`, else (development
 * only) derived from `developmentMasterKey(ADMIN_TOKEN)`, the dispatcher's own development default.
 * Throws a `TypeError` naming the variable when a key is malformed or, in production, missing.
 */
export function resolveChannelKey(source: ChannelKeySource, channel: string): ChannelKey {
  if (source.channelKey) return named('CHANNEL_KEY', () => parseKey(source.channelKey!));
  if (source.masterKey) return deriveChannelKey(named('CHANNEL_MASTER_KEY', () => parseKey(source.masterKey!)), channel);
  if (source.production) throw new TypeError('CHANNEL_KEY: required when NODE_ENV=production (or CHANNEL_MASTER_KEY)');
  if (!source.adminToken) throw new TypeError('CHANNEL_KEY: required without ADMIN_TOKEN (or CHANNEL_MASTER_KEY)');
  return deriveChannelKey(developmentMasterKey(source.adminToken), channel);
}

function named(variable: string, parse: () => Uint8Array): Uint8Array {
  try {
    return parse();
  } catch (err) {
    throw new TypeError(`${variable}: ${(err as Error).message}`);
  }
}
