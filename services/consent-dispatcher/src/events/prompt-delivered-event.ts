import { CONSENT_PROMPT_DELIVERED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { DeliveredFacts } from '../domain/offer-store.ts';
import { EVENT_SOURCE } from './event-source.ts';

/** `ciba.consent_prompt.delivered.v1`: a channel took the prompt (no personal data); `attempts` is the round. */
export function promptDeliveredEvent(facts: DeliveredFacts): OutboxRecord {
  const event = newEvent(TOPICS.consentPrompts, {
    type: CONSENT_PROMPT_DELIVERED_V1,
    source: EVENT_SOURCE,
    subject: facts.prompt.requestId,
    time: facts.at,
    data: {
      request_id: facts.prompt.requestId,
      prompt_id: facts.prompt.promptId,
      channel_type: facts.offer.channelType,
      channel_index: facts.offer.channelIndex,
      attempts: facts.offer.round,
    },
  });
  return outboxRecord(TOPICS.consentPrompts, event);
}
