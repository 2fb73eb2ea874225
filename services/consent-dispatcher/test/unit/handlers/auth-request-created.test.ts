import { randomUUID } from 'node:crypto';
import { AUTH_REQUEST_CREATED_V1, TOPICS, type AuthRequestCreatedV1 } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import type { ConsentPrompt } from '../../../src/domain/consent-prompt.ts';
import { handleAuthRequestCreated } from '../../../src/handlers/auth-request-created.ts';
import { MemoryPromptStore } from '../../support/memory-prompt-store.ts';
import { silentLogger } from '../../support/silent-logger.ts';

function createdEvent(expiresAt: Date, optionals = true): AuthRequestCreatedV1 {
  return newEvent(TOPICS.authRequests, {
    type: AUTH_REQUEST_CREATED_V1,
    source: '/services/auth-endpoint',
    subject: randomUUID(),
    data: {
      request_id: randomUUID(),
      auth_req_id_hash: 'h'.repeat(43),
      client_id: 'client-1',
      sub: 'alice',
      scope: 'openid',
      ...(optionals ? { binding_message: 'W4SP', acr_values: 'urn:acr:silver' } : {}),
      delivery_mode: 'poll',
      interval: 5,
      expires_at: expiresAt.toISOString(),
      requested_at: new Date().toISOString(),
    },
  }) as AuthRequestCreatedV1;
}

/** The handler over an in-memory store; `offer` records what it is asked to offer (or fails, as the directory down would). */
function setup(options: { offerFails?: boolean } = {}) {
  const store = new MemoryPromptStore();
  const offered: ConsentPrompt[] = [];
  const now = new Date();
  const handle = handleAuthRequestCreated({
    store,
    offer: async (prompts) => {
      if (options.offerFails) throw new Error('directory down');
      offered.push(...prompts);
    },
    logger: silentLogger,
    group: 'consent-dispatcher.prompts',
    leaseMs: 15_000,
    now: () => now,
  });
  return { store, offered, handle, now };
}

describe('handleAuthRequestCreated', () => {
  it('stores a pending prompt, round 1 from channel 0 due under a lease, and offers it at once', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() + 60_000));
    await t.handle(event);
    const [prompt] = [...t.store.prompts.values()];
    expect(prompt).toMatchObject({
      requestId: event.data.request_id,
      clientId: 'client-1',
      sub: 'alice',
      scope: 'openid',
      bindingMessage: 'W4SP',
      acrValues: 'urn:acr:silver',
      status: 'pending',
      deliveryStatus: 'queued',
      round: 1,
      nextChannelIndex: 0,
      nextOfferAt: new Date(t.now.getTime() + 15_000),
    });
    expect(prompt?.promptId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(prompt?.decisionTokenHash).toBeUndefined();
    expect(t.offered.map((p) => p.promptId)).toEqual([prompt?.promptId]);
  });

  it('keeps one prompt per request and offers it once when the event is delivered twice', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() + 60_000));
    await t.handle(event);
    await t.handle(event);
    expect(t.store.prompts.size).toBe(1);
    const [id] = t.store.prompts.keys();
    expect(t.offered.map((p) => p.promptId)).toEqual([id]);
  });

  it('records an already-expired request as expired with one ciba.consent.expired.v1, without offering it', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() - 1000));
    await t.handle(event);
    await t.handle(event);
    const prompts = [...t.store.prompts.values()];
    expect(prompts.map((p) => [p.status, p.deliveryStatus, p.nextOfferAt])).toEqual([['expired', 'expired', undefined]]);
    expect(t.offered).toEqual([]);
    expect(t.store.outbox.map((r) => [r.topic, r.key, (r.envelope as { type: string }).type])).toEqual([
      ['ciba.consent-decisions', event.data.request_id, 'ciba.consent.expired.v1'],
    ]);
    expect((t.store.outbox[0]?.envelope as { data: unknown }).data).toEqual({
      request_id: event.data.request_id,
      prompt_id: prompts[0]?.promptId,
      client_id: 'client-1',
      sub: 'alice',
      expired_at: event.data.expires_at,
    });
  });

  it('passes a failed offer up (the stored prompt is then the offer sweep\'s once its lease ends)', async () => {
    const t = setup({ offerFails: true });
    await expect(t.handle(createdEvent(new Date(Date.now() + 60_000)))).rejects.toThrow('directory down');
    expect([...t.store.prompts.values()].map((p) => [p.deliveryStatus, p.nextOfferAt !== undefined])).toEqual([['queued', true]]);
  });
});
