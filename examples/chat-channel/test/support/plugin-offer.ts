import { randomUUID } from 'node:crypto';
import { sealDelivery, type ChannelKey } from '@ciba/channel-kit';
import { CHANNEL_OFFER_REQUESTED_V1, channelOffersTopic, type ChannelDelivery, type ChannelOfferRequestedV1 } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';

/** What the dispatcher seals for a plug-in entry `{ type: 'plugin', name: channel, target }`. */
export function pluginDelivery(offerId: string, channel: string, target: string): ChannelDelivery {
  const promptId = `pr0mpt-${randomUUID()}`;
  const token = 't'.repeat(43);
  return {
    offer_id: offerId,
    channel: { type: 'plugin', name: channel, target },
    prompt: {
      prompt_id: promptId,
      sub: 'alice',
      client_id: 'client-1',
      client_name: 'Point of sale 7',
      scope: 'openid profile',
      binding_message: 'W4SP',
      expires_at: new Date(Date.now() + 600_000).toISOString(),
      decision_uri: `http://127.0.0.1:8080/device/decisions/${promptId}`,
      decision_token: token,
    },
    approval_uri: `http://127.0.0.1:8080/device/approve/${promptId}?t=${token}`,
  };
}

/** The offer event as the dispatcher publishes it on `ciba.channel-offers.<channel>`, sealed under the channel's key. */
export async function pluginOffer(key: ChannelKey, channel: string, target: string): Promise<ChannelOfferRequestedV1> {
  const offerId = randomUUID();
  const requestId = randomUUID();
  const delivery = pluginDelivery(offerId, channel, target);
  return newEvent(channelOffersTopic(channel), {
    type: CHANNEL_OFFER_REQUESTED_V1,
    source: '/services/consent-dispatcher',
    subject: requestId,
    data: {
      offer_id: offerId,
      request_id: requestId,
      prompt_id: delivery.prompt.prompt_id,
      channel,
      channel_index: 1,
      round: 1,
      deadline_at: new Date(Date.now() + 30_000).toISOString(),
      sealed: await sealDelivery(delivery, key),
    },
  }) as ChannelOfferRequestedV1;
}
