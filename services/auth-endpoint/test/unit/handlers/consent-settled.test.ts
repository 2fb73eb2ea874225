import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { CONSENT_DENIED_V1, TOPICS } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import type { PromptLimits } from '../../../src/domain/prompt-limits.ts';
import { handleConsentSettled } from '../../../src/handlers/consent-settled.ts';

const denied = (requestId: string) =>
  newEvent(TOPICS.consentDecisions, {
    type: CONSENT_DENIED_V1,
    source: '/services/consent-dispatcher',
    subject: requestId,
    data: { request_id: requestId, prompt_id: 'p-1', client_id: 'rp', sub: 'alice', decided_at: new Date().toISOString() },
  });

describe('handleConsentSettled', () => {
  it('tells the limits which request of which client and user was settled', async () => {
    const settled: unknown[] = [];
    const limits: PromptLimits = { reserve: async () => ({ accepted: true, release: async () => undefined }), settled: async (p) => void settled.push(p) };
    const requestId = randomUUID();
    await handleConsentSettled(limits, pino({ level: 'silent' }))(denied(requestId));
    expect(settled).toEqual([{ requestId, clientId: 'rp', sub: 'alice' }]);
  });

  it('never fails (the mark expires by itself): a warning without the sub', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _e, done) => void (lines.push(String(chunk)), done()) }));
    const limits: PromptLimits = {
      reserve: async () => ({ accepted: true, release: async () => undefined }),
      settled: async () => {
        throw new Error('redis connection is reconnecting');
      },
    };
    const requestId = randomUUID();
    await expect(handleConsentSettled(limits, logger)(denied(requestId))).resolves.toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, request_id: requestId, reason: 'redis connection is reconnecting', msg: 'pending prompt mark not cleared; it expires with its window' });
    expect(lines[0]).not.toContain('alice');
  });
});
