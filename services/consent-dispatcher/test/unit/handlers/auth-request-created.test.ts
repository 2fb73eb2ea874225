import { randomUUID } from 'node:crypto';
import { AUTH_REQUEST_CREATED_V1, TOPICS, type AuthRequestCreatedV1 } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
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

function setup(enqueue: (id: string) => Promise<void> = async () => undefined) {
  const store = new MemoryPromptStore();
  const queued: string[] = [];
  const handle = handleAuthRequestCreated({
    store,
    queue: { enqueue: async (id) => (await enqueue(id), void queued.push(id)) },
    logger: silentLogger,
    group: 'consent-dispatcher.prompts',
    now: () => new Date(),
  });
  return { store, queued, handle };
}

describe('handleAuthRequestCreated', () => {
  it('stores a pending prompt and queues its delivery under the prompt id', async () => {
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
    expect(t.queued).toEqual([prompt?.promptId]);
  });

  it('keeps one prompt per request when the event is delivered twice (the queue dedupes on the id)', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() + 60_000));
    await t.handle(event);
    await t.handle(event);
    expect(t.store.prompts.size).toBe(1);
    const [id] = t.store.prompts.keys();
    expect(t.queued).toEqual([id, id]);
  });

  it('records an already-expired request as expired with one ciba.consent.expired.v1, without queueing it', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() - 1000));
    await t.handle(event);
    await t.handle(event);
    const prompts = [...t.store.prompts.values()];
    expect(prompts.map((p) => [p.status, p.deliveryStatus])).toEqual([['expired', 'expired']]);
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

  it('does not queue again a prompt that was decided or expired meanwhile', async () => {
    const t = setup();
    const event = createdEvent(new Date(Date.now() + 60_000));
    await t.handle(event);
    const [prompt] = t.store.prompts.values();
    prompt!.status = 'expired';
    await t.handle(event);
    expect(t.queued).toEqual([prompt!.promptId]);
  });

  it('fails (so the event is redelivered) when queueing fails', async () => {
    const t = setup(async () => {
      throw new Error('redis down');
    });
    await expect(t.handle(createdEvent(new Date(Date.now() + 60_000)))).rejects.toThrow('redis down');
  });
});
