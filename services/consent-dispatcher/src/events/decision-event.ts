import { CONSENT_DENIED_V1, CONSENT_GRANTED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import { EVENT_SOURCE } from './event-source.ts';

/** `ciba.consent.granted.v1` / `ciba.consent.denied.v1` for a decided prompt, keyed by the request id. */
export function decisionEvent(prompt: ConsentPrompt, status: 'approved' | 'denied', decidedAt: Date): OutboxRecord {
  const event = newEvent(TOPICS.consentDecisions, {
    type: status === 'approved' ? CONSENT_GRANTED_V1 : CONSENT_DENIED_V1,
    source: EVENT_SOURCE,
    subject: prompt.requestId,
    time: decidedAt,
    data: {
      request_id: prompt.requestId,
      prompt_id: prompt.promptId,
      client_id: prompt.clientId,
      sub: prompt.sub,
      decided_at: decidedAt.toISOString(),
    },
  });
  return outboxRecord(TOPICS.consentDecisions, event);
}
