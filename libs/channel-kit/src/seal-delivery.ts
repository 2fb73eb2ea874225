import { channelDelivery, type ChannelDelivery } from '@ciba/contracts';
import type { ChannelKey } from './channel-key.ts';
import { encryptDirA256Gcm } from './dir-a256gcm.ts';

/** The JWE content type of a sealed `ChannelDelivery`. */
export const SEALED_DELIVERY_CTY = 'ciba-channel-delivery+json';

/** Seals what a channel needs to deliver an offer (validated first) as a compact JWE under the channel's key. */
export async function sealDelivery(delivery: ChannelDelivery, key: ChannelKey): Promise<string> {
  const plain = new TextEncoder().encode(JSON.stringify(channelDelivery.parse(delivery)));
  return encryptDirA256Gcm(plain, key, { alg: 'dir', enc: 'A256GCM', cty: SEALED_DELIVERY_CTY });
}
