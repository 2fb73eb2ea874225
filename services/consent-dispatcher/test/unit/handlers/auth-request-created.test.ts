import { randomUUID } from 'node:crypto';
import { AUTH_REQUEST_CREATED_V1, TOPICS, type AuthRequestCreatedV1 } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import { sha256 } from '@ciba/service-kit';
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

/** The handler over an in-memory store; `inlineFull` makes the in-process runs refuse, `enqueue` scripts the queue. */
function setup(options: { inlineFull?: boolean; enqueue?: (id: string) => Promise<void> } = {}) {
  const store = new MemoryPromptStore();
  const offered: Array<{ promptId: string; token: string }> = [];
  const queued: string[] = [];
  const handle = handleAuthRequestCreated({
    store,
    inline: { offer: (prompt, token) => (options.inlineFull ? false : (offered.push({ promptId: prompt.promptId, token }), true)) },
    queue: { enqueue: async (id) => (await options.enqueue?.(id), void queued.push(id)) },
    logger: silentLogger,
    group: 'consent-dispatcher.prompts',
    now: () => new Date(),
  });
  return { store, offered, queued, handle };
}

describe('handleAuthRequestCreated', () => {
  it('stores a pending prompt with the hash of its first decision token and starts its delivery in process', async () => {
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
    });
    expect(prompt?.promptId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(t.offered).toEqual([{ promptId: prompt?.promptId, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
    expect(prompt?.decisionTokenHash).toBe(sha256(t.offered[0]!.token));
    expect(t.queued).toEqual([]);
  });

  it('queues the delivery as a job when the in-process runs are full', async () => {
    const t = setup({ inlineFull: true });
    await t.handle(createdEvent(new Date(Date.now() + 60_000)));
    const [id] = t.store.prompts.keys();
    expect(t.queued).toEqual([id]);
  });

  it('keeps one prompt per request and starts one delivery when the event is delivered twice', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() + 60_000));
    await t.handle(event);
    await t.handle(event);
    expect(t.store.prompts.size).toBe(1);
    const [id] = t.store.prompts.keys();
    expect(t.offered.map((o) => o.promptId)).toEqual([id]);
    expect(t.queued).toEqual([]);
  });

  it('records an already-expired request as expired with one ciba.consent.expired.v1, without delivering it', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() - 1000));
    await t.handle(event);
    await t.handle(event);
    const prompts = [...t.store.prompts.values()];
    expect(prompts.map((p) => [p.status, p.deliveryStatus, p.decisionTokenHash])).toEqual([['expired', 'expired', undefined]]);
    expect(t.offered).toEqual([]);
    expect(t.queued).toEqual([]);
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

  it('leaves the stored prompt to the reconciler when its job cannot be queued (the event is still acknowledged)', async () => {
    const t = setup({
      inlineFull: true,
      enqueue: async () => {
        throw new Error('redis down');
      },
    });
    await expect(t.handle(createdEvent(new Date(Date.now() + 60_000)))).resolves.toBeUndefined();
    expect([...t.store.prompts.values()].map((p) => p.deliveryStatus)).toEqual(['queued']);
  });
});
