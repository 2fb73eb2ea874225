import { CONSENT_PROMPT_UNDELIVERABLE_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import { EVENT_SOURCE } from './event-source.ts';

/** `ciba.consent_prompt.undeliverable.v1`: no channel took the prompt (none tried when the user is gone). */
export function promptUndeliverableEvent(prompt: ConsentPrompt, channelsTried: number, at: Date): OutboxRecord {
  const event = newEvent(TOPICS.consentPrompts, {
    type: CONSENT_PROMPT_UNDELIVERABLE_V1,
    source: EVENT_SOURCE,
    subject: prompt.requestId,
    time: at,
    data: { request_id: prompt.requestId, prompt_id: prompt.promptId, channels_tried: channelsTried },
  });
  return outboxRecord(TOPICS.consentPrompts, event);
}
