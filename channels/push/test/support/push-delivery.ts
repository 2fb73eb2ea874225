import { randomUUID } from 'node:crypto';
import type { ChannelDelivery, UserChannel } from '@ciba/contracts';
import { sampleDelivery } from '../../../../libs/channel-kit/test/support/sample-offer.ts';

/** A push delivery as the dispatcher seals it, for `entry`. */
export function pushDelivery(entry: Extract<UserChannel, { type: 'push' }>, offerId: string = randomUUID()): ChannelDelivery {
  return sampleDelivery(offerId, entry);
}
