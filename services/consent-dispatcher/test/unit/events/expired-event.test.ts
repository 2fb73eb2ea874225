import { CONSENT_EXPIRED_V1, TOPICS } from '@ciba/contracts';
import { consentExpiredEvent } from '../../../src/events/expired-event.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';

describe('consentExpiredEvent', () => {
  it('is ciba.consent.expired.v1 on the decisions topic, keyed by the request, expired_at = expires_at', () => {
    const prompt = samplePrompt({ expiresAt: new Date('2026-11-22T10:00:00.000Z') });
    const recordedAt = new Date('2026-11-22T10:00:00.700Z');
    const record = consentExpiredEvent(prompt, recordedAt);
    expect(record).toMatchObject({ topic: TOPICS.consentDecisions, key: prompt.requestId });
    expect(record.envelope).toMatchObject({
      type: CONSENT_EXPIRED_V1,
      source: '/services/consent-dispatcher',
      subject: prompt.requestId,
      time: '2026-11-22T10:00:00.700Z',
      data: { request_id: prompt.requestId, prompt_id: prompt.promptId, client_id: 'client-1', sub: 'alice', expired_at: '2026-11-22T10:00:00.000Z' },
    });
  });

  it('carries no scope, binding message or token', () => {
    const json = JSON.stringify(consentExpiredEvent(samplePrompt({ decisionTokenHash: 'secret-hash' }), new Date()).envelope);
    expect(json).not.toContain('W4SP');
    expect(json).not.toContain('secret-hash');
    expect(json).not.toContain('profile');
  });
});
