import { CHANNEL_OFFER_TIMED_OUT_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { TimedOut } from '../domain/offer-store.ts';
import { EVENT_SOURCE } from './event-source.ts';

/** `ciba.channel_offer.timed_out.v1` on `ciba.channel-outcomes`: the dispatcher stopped waiting for the channel. */
export function offerTimedOutEvent(offer: TimedOut['offer'], at: Date): OutboxRecord {
  const event = newEvent(TOPICS.channelOutcomes, {
    type: CHANNEL_OFFER_TIMED_OUT_V1,
    source: EVENT_SOURCE,
    subject: offer.requestId,
    time: at,
    data: {
      offer_id: offer.offerId,
      request_id: offer.requestId,
      prompt_id: offer.promptId,
      channel: offer.channel,
      channel_index: offer.channelIndex,
      round: offer.round,
    },
  });
  return outboxRecord(TOPICS.channelOutcomes, event);
}
