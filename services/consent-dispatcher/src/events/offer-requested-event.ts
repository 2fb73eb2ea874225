import { CHANNEL_OFFER_REQUESTED_V1, channelOffersTopic } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { NewOffer } from '../domain/offer-store.ts';
import { EVENT_SOURCE } from './event-source.ts';

/** `ciba.channel_offer.requested.v1` on `ciba.channel-offers.<channel>`, keyed by the request id; `sealed` is the JWE for the channel. */
export function offerRequestedEvent(offer: NewOffer, requestId: string, sealed: string, at: Date): OutboxRecord {
  const topic = channelOffersTopic(offer.channel);
  const event = newEvent(topic, {
    type: CHANNEL_OFFER_REQUESTED_V1,
    source: EVENT_SOURCE,
    subject: requestId,
    time: at,
    data: {
      offer_id: offer.offerId,
      request_id: requestId,
      prompt_id: offer.promptId,
      channel: offer.channel,
      channel_index: offer.channelIndex,
      round: offer.round,
      deadline_at: offer.deadlineAt.toISOString(),
      sealed,
    },
  });
  return outboxRecord(topic, event);
}
