import { randomUUID } from 'node:crypto';
import { CHANNEL_OFFER_REQUESTED_V1, channelOffersTopic, type ChannelDelivery, type ChannelOfferRequestedV1, type UserChannel } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import type { ChannelKey } from '../../src/channel-key.ts';
import { sealDelivery } from '../../src/seal-delivery.ts';

/** A delivery as the dispatcher seals it. */
export function sampleDelivery(offerId: string, channel: UserChannel = { type: 'email', address: 'alice@example.com' }): ChannelDelivery {
  const promptId = 'pr0mpt-id-0123456789abcdef';
  const token = 'd'.repeat(43);
  return {
    offer_id: offerId,
    channel,
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

/** An offer event for `channel`, sealed under `key`, due `deadlineMs` from now. */
export async function sampleOffer(key: ChannelKey, options: { channel?: string; deadlineMs?: number; delivery?: (offerId: string) => ChannelDelivery } = {}): Promise<ChannelOfferRequestedV1> {
  const offerId = randomUUID();
  const requestId = randomUUID();
  const channel = options.channel ?? 'email';
  const delivery = (options.delivery ?? sampleDelivery)(offerId);
  return newEvent(channelOffersTopic(channel), {
    type: CHANNEL_OFFER_REQUESTED_V1,
    source: '/services/consent-dispatcher',
    subject: requestId,
    data: {
      offer_id: offerId,
      request_id: requestId,
      prompt_id: delivery.prompt.prompt_id,
      channel,
      channel_index: 0,
      round: 1,
      deadline_at: new Date(Date.now() + (options.deadlineMs ?? 30_000)).toISOString(),
      sealed: await sealDelivery(delivery, key),
    },
  }) as ChannelOfferRequestedV1;
}
