import { randomUUID } from 'node:crypto';
import { newEvent } from '@ciba/event-bus';
import { TOPICS } from '@ciba/contracts';
import { outcomeOfDecision } from '../../../src/domain/outcome-of-decision.ts';

const base = { request_id: randomUUID(), prompt_id: 'p1', client_id: 'rp', sub: 'alice' };
const event = (type: 'ciba.consent.granted.v1' | 'ciba.consent.denied.v1') =>
  newEvent(TOPICS.consentDecisions, { type, source: '/t', subject: base.request_id, data: { ...base, decided_at: '2026-11-22T10:00:00.000Z' } });

describe('outcomeOfDecision', () => {
  it('granted → approved at decided_at; denied → denied', () => {
    expect(outcomeOfDecision(event('ciba.consent.granted.v1'))).toEqual({ outcome: 'approved', at: new Date('2026-11-22T10:00:00.000Z') });
    expect(outcomeOfDecision(event('ciba.consent.denied.v1')).outcome).toBe('denied');
  });

  it('expired → expired at expired_at', () => {
    const expired = newEvent(TOPICS.consentDecisions, {
      type: 'ciba.consent.expired.v1',
      source: '/t',
      subject: base.request_id,
      data: { ...base, expired_at: '2026-11-22T10:05:00.000Z' },
    });
    expect(outcomeOfDecision(expired)).toEqual({ outcome: 'expired', at: new Date('2026-11-22T10:05:00.000Z') });
  });
});
