import { CONSENT_PROMPT_DELIVERED_V1, TOPICS, type ChannelType } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import { EVENT_SOURCE } from './event-source.ts';

export interface DeliveredFacts {
  channelType: ChannelType;
  channelIndex: number;
  /** Run of the delivery job that succeeded (1 = first). */
  attempts: number;
  at: Date;
}

/** `ciba.consent_prompt.delivered.v1`: a channel took the prompt (no personal data). */
export function promptDeliveredEvent(prompt: ConsentPrompt, facts: DeliveredFacts): OutboxRecord {
  const event = newEvent(TOPICS.consentPrompts, {
    type: CONSENT_PROMPT_DELIVERED_V1,
    source: EVENT_SOURCE,
    subject: prompt.requestId,
    time: facts.at,
    data: {
      request_id: prompt.requestId,
      prompt_id: prompt.promptId,
      channel_type: facts.channelType,
      channel_index: facts.channelIndex,
      attempts: facts.attempts,
    },
  });
  return outboxRecord(TOPICS.consentPrompts, event);
}
