import { CHANNEL_OFFER_DELIVERED_V1, CHANNEL_OFFER_FAILED_V1, TOPICS, type ChannelOfferRequestedV1, type EventOf } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import type { ChannelResult } from './channel-deliverer.ts';

/** The `ciba.channel-outcomes` event answering an offer, keyed (like every event of it) by its request id. */
export function outcomeEvent(offer: ChannelOfferRequestedV1, result: ChannelResult, source: string, latencyMs?: number): EventOf<typeof TOPICS.channelOutcomes> {
  const { offer_id, request_id, prompt_id, channel, channel_index, round } = offer.data;
  const ref = { offer_id, request_id, prompt_id, channel, channel_index, round };
  const extra = { ...(result.statusCode !== undefined ? { status_code: result.statusCode } : {}), ...(latencyMs !== undefined ? { latency_ms: latencyMs } : {}) };
  const fields = { source, subject: offer.subject, ...(offer.traceparent ? { traceparent: offer.traceparent } : {}) };
  return result.delivered
    ? newEvent(TOPICS.channelOutcomes, { ...fields, type: CHANNEL_OFFER_DELIVERED_V1, data: { ...ref, ...extra } })
    : newEvent(TOPICS.channelOutcomes, { ...fields, type: CHANNEL_OFFER_FAILED_V1, data: { ...ref, reason: result.reason, ...extra } });
}
