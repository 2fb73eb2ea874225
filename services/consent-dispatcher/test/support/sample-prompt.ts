import type { ConsentPrompt } from '../../src/domain/consent-prompt.ts';

/** A pending, queued prompt expiring in ten minutes; override what a test needs. */
export function samplePrompt(overrides: Partial<ConsentPrompt> = {}): ConsentPrompt {
  return {
    promptId: 'pVb2qL1m9XoQy3n4k5j6hA',
    requestId: '6f1c3a52-0b7e-4a43-9d3e-5b8f1f2a9c10',
    clientId: 'client-1',
    sub: 'alice',
    scope: 'openid profile',
    bindingMessage: 'W4SP',
    acrValues: 'urn:acr:silver',
    expiresAt: new Date(Date.now() + 600_000),
    status: 'pending',
    deliveryStatus: 'queued',
    round: 1,
    nextChannelIndex: 0,
    ...overrides,
  };
}
