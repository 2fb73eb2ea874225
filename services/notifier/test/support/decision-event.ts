import { randomUUID } from 'node:crypto';
import { TOPICS, type EventOf } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';

type Kind = 'granted' | 'denied' | 'expired';

/** A consent-decisions event for a request, as the consent dispatcher publishes it. */
export function decisionEvent(kind: Kind, requestId: string, clientId: string): EventOf<typeof TOPICS.consentDecisions> {
  const common = { request_id: requestId, prompt_id: `p-${randomUUID()}`, client_id: clientId, sub: 'alice' };
  const at = new Date().toISOString();
  if (kind === 'expired') {
    return newEvent(TOPICS.consentDecisions, { type: 'ciba.consent.expired.v1', source: '/services/consent-dispatcher', subject: requestId, data: { ...common, expired_at: at } });
  }
  return newEvent(TOPICS.consentDecisions, {
    type: kind === 'granted' ? 'ciba.consent.granted.v1' : 'ciba.consent.denied.v1',
    source: '/services/consent-dispatcher',
    subject: requestId,
    data: { ...common, decided_at: at },
  });
}
