import { CONSENT_EXPIRED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { ExpiringPrompt } from '../domain/prompt-store.ts';
import { EVENT_SOURCE } from './event-source.ts';

/**
 * `ciba.consent.expired.v1`: the request reached `expires_at` undecided. `expired_at` is the request's
 * `expires_at` (when the window closed, however late it was recorded); `time` is when it was recorded.
 */
export function consentExpiredEvent(prompt: ExpiringPrompt, recordedAt: Date): OutboxRecord {
  const event = newEvent(TOPICS.consentDecisions, {
    type: CONSENT_EXPIRED_V1,
    source: EVENT_SOURCE,
    subject: prompt.requestId,
    time: recordedAt,
    data: {
      request_id: prompt.requestId,
      prompt_id: prompt.promptId,
      client_id: prompt.clientId,
      sub: prompt.sub,
      expired_at: prompt.expiresAt.toISOString(),
    },
  });
  return outboxRecord(TOPICS.consentDecisions, event);
}
