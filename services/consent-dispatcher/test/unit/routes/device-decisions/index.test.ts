import { sha256 } from '@ciba/service-kit';
import { deviceDecisionRoutes } from '../../../../src/routes/device-decisions/index.ts';
import { MemoryPromptStore } from '../../../support/memory-prompt-store.ts';
import { postDecision } from '../../../support/post-decision.ts';
import { samplePrompt } from '../../../support/sample-prompt.ts';
import { serve } from '../../../support/serve.ts';
import { silentLogger } from '../../../support/silent-logger.ts';

const TOKEN = 'd'.repeat(43);

describe('POST /device/decisions/{prompt_id} (in-memory store)', () => {
  const store = new MemoryPromptStore();
  let now = new Date();
  let server: Awaited<ReturnType<typeof serve>>;
  const uri = (id: string) => `${server.url}/device/decisions/${id}`;
  const put = (id: string, overrides = {}) => {
    store.prompts.set(id, samplePrompt({ promptId: id, requestId: crypto.randomUUID(), decisionTokenHash: sha256(TOKEN), ...overrides }));
    return id;
  };

  beforeAll(async () => {
    server = await serve(deviceDecisionRoutes({ logger: silentLogger, store, now: () => now }));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    now = new Date();
  });

  it('200 approved on the first decision, with no-store and the decision event', async () => {
    const id = put('promptApprove0000000001');
    const res = await postDecision(uri(id), TOKEN, { decision: 'approve' });
    expect(res).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(store.prompts.get(id)?.status).toBe('approved');
    expect(store.outbox.at(-1)?.envelope).toMatchObject({ type: 'ciba.consent.granted.v1', data: { prompt_id: id } });
  });

  it('200 denied on a first deny', async () => {
    const id = put('promptDeny000000000001');
    expect(await postDecision(uri(id), TOKEN, { decision: 'deny' })).toMatchObject({ status: 200, body: { status: 'denied' } });
    expect(store.outbox.at(-1)?.envelope).toMatchObject({ type: 'ciba.consent.denied.v1' });
  });

  it('200 again for the same decision, without a second event', async () => {
    const id = put('promptRepeat0000000001');
    await postDecision(uri(id), TOKEN, { decision: 'approve' });
    const events = store.outbox.length;
    expect(await postDecision(uri(id), TOKEN, { decision: 'approve' })).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect(store.outbox.length).toBe(events);
  });

  it('409 conflict for a different decision', async () => {
    const id = put('promptConflict00000001');
    await postDecision(uri(id), TOKEN, { decision: 'deny' });
    expect(await postDecision(uri(id), TOKEN, { decision: 'approve' })).toEqual(
      expect.objectContaining({ status: 409, body: { error: 'conflict', error_description: 'the prompt was already denied' } }),
    );
    expect(store.prompts.get(id)?.status).toBe('denied');
  });

  it('401 for a missing token', async () => {
    const id = put('promptNoToken000000001');
    const res = await postDecision(uri(id), null, { decision: 'approve' });
    expect(res).toMatchObject({ status: 401, body: { error: 'unauthorized', error_description: 'missing decision token' } });
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ciba-device"');
  });

  it('401 for a wrong token', async () => {
    const id = put('promptBadToken00000001');
    expect(await postDecision(uri(id), 'x'.repeat(43), { decision: 'approve' })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized', error_description: 'invalid decision token' },
    });
    expect(store.prompts.get(id)?.status).toBe('pending');
  });

  it('401 for a prompt not delivered yet (no token issued)', async () => {
    const id = put('promptUndelivered00001', { decisionTokenHash: undefined });
    expect((await postDecision(uri(id), TOKEN, { decision: 'approve' })).status).toBe(401);
  });

  it('404 for an unknown prompt, before the token is looked at', async () => {
    expect(await postDecision(uri('unknownPrompt000000001'), null, { decision: 'approve' })).toMatchObject({
      status: 404,
      body: { error: 'not_found', error_description: 'unknown prompt' },
    });
    expect((await postDecision(uri('bad%20id'), TOKEN, { decision: 'approve' })).status).toBe(404);
  });

  it('410 once the request expired undecided, but 401 first for a wrong token', async () => {
    const id = put('promptExpired000000001', { expiresAt: new Date(Date.now() - 1000) });
    expect(await postDecision(uri(id), 'x'.repeat(43), { decision: 'approve' })).toMatchObject({ status: 401 });
    expect(await postDecision(uri(id), TOKEN, { decision: 'approve' })).toMatchObject({
      status: 410,
      body: { error: 'gone', error_description: 'the authentication request has expired' },
    });
  });

  it('410 for a prompt the sweeper already expired, with no decision event', async () => {
    const id = put('promptSwept00000000001', { status: 'expired', deliveryStatus: 'expired', expiresAt: new Date(Date.now() - 1000) });
    const events = store.outbox.length;
    expect(await postDecision(uri(id), TOKEN, { decision: 'deny' })).toMatchObject({ status: 410, body: { error: 'gone' } });
    expect(store.prompts.get(id)?.status).toBe('expired');
    expect(store.outbox.length).toBe(events);
  });

  it('410 when the sweeper wins the race after the prompt was read as pending', async () => {
    const id = put('promptSweptRace0000001');
    const decide = store.decide.bind(store);
    store.decide = async (...args) => {
      await store.expireDue(new Date(Date.now() + 3_600_000), 100, (p) => ({ id: p.promptId, topic: 'ciba.consent-decisions', key: p.requestId, envelope: {} }));
      return decide(...args);
    };
    try {
      expect(await postDecision(uri(id), TOKEN, { decision: 'approve' })).toMatchObject({ status: 410, body: { error: 'gone' } });
    } finally {
      store.decide = decide;
    }
    expect(store.prompts.get(id)?.status).toBe('expired');
  });

  it('still answers a decision made before expiry', async () => {
    const id = put('promptDecidedExpired01');
    await postDecision(uri(id), TOKEN, { decision: 'approve' });
    now = new Date(Date.now() + 3_600_000);
    expect(await postDecision(uri(id), TOKEN, { decision: 'approve' })).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect((await postDecision(uri(id), TOKEN, { decision: 'deny' })).status).toBe(409);
  });

  it.each([
    ['an unknown decision', { decision: 'maybe' }],
    ['no decision', {}],
    ['an array', ['approve']],
    ['malformed JSON', '{"decision":'],
  ])('400 invalid_request for %s', async (_label, body) => {
    const id = put(`promptBadBody${Math.random().toString(36).slice(2, 12)}`);
    expect(await postDecision(uri(id), TOKEN, body)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(store.prompts.get(id)?.status).toBe('pending');
  });

  it('405 for other methods', async () => {
    const id = put('promptGet0000000000001');
    const res = await fetch(uri(id));
    expect(res.status).toBe(405);
  });
});
