import { channelDelivery, type ChannelDelivery } from '@ciba/contracts';
import type { ChannelKey } from './channel-key.ts';
import { decryptDirA256Gcm } from './dir-a256gcm.ts';
import { SEALED_DELIVERY_CTY } from './seal-delivery.ts';

/**
 * Opens a sealed offer with the channel's key: the JWE must be `dir` + `A256GCM` of our content type,
 * decrypt under this key, parse as a `ChannelDelivery`, and belong to `offerId` (a payload lifted
 * into another offer is refused). Resolves null on any failure: the channel reports `unreadable`.
 */
export async function openDelivery(sealed: string, key: ChannelKey, offerId: string): Promise<ChannelDelivery | null> {
  try {
    const { plaintext, header } = decryptDirA256Gcm(sealed, key);
    if (header.cty !== SEALED_DELIVERY_CTY) return null;
    const parsed = channelDelivery.safeParse(JSON.parse(new TextDecoder().decode(plaintext)));
    return parsed.success && parsed.data.offer_id === offerId ? parsed.data : null;
  } catch {
    return null;
  }
}
