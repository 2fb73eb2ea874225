import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '@ciba/contracts';
import { createPgPool, type PgPool } from '@ciba/service-kit';
import { waitFor } from '@ciba/test-support';
import { createConsentDb, type ConsentDb } from '../../src/adapters/db/prisma-client.ts';
import { promptRepository } from '../../src/adapters/db/prompt-repository.ts';
import type { PromptStore } from '../../src/domain/prompt-store.ts';
import { decisionEvent } from '../../src/events/decision-event.ts';
import { consentExpiredEvent } from '../../src/events/expired-event.ts';
import { createdEvent } from '../support/created-event.ts';
import { startDispatcherHarness, type DispatcherHarness } from '../support/dispatcher-harness.ts';
import { postDecision } from '../support/post-decision.ts';
import { startReceivers, type Received } from '../support/receivers.ts';
import { testWebhookDeliverer } from '../support/test-webhook-deliverer.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('expiry: pending → expired with ciba.consent.expired.v1 (sweeper every 50 ms)', () => {
  let h: DispatcherHarness;
  let receivers: Awaited<ReturnType<typeof startReceivers>>;
  let db: ConsentDb;
  let pool: PgPool;
  let store: PromptStore;

  const promptFor = async (requestId: string) =>
    (await h.q<{ prompt_id: string; status: string; delivery_status: string; next_offer_at: Date | null }>('SELECT * FROM $schema.consent_prompts WHERE request_id = $1', [requestId]))[0];
  const decisionTypes = async (requestId: string) =>
    (await h.q<{ envelope: { type: string } }>('SELECT envelope FROM $schema.outbox_events WHERE topic = $1 AND key = $2 ORDER BY seq', [TOPICS.consentDecisions, requestId])).map(
      (r) => r.envelope.type,
    );
  const arrivals = (path: string) => receivers.received.filter((r) => r.path === path);
  const decisionUrl = (received: Received) => `${h.url}${new URL(String(received.body.decision_uri)).pathname}`;
  const expireNow = (requestId: string) => h.q("UPDATE $schema.consent_prompts SET expires_at = now() - interval '1 second' WHERE request_id = $1", [requestId]);
  const created = async (sub: string, url: string) => {
    h.directory.users.set(sub, [{ type: 'webhook', url }]);
    const event = createdEvent(sub);
    await h.bus.publish([{ topic: TOPICS.authRequests, key: event.subject, event }]);
    return event;
  };

  beforeAll(async () => {
    receivers = await startReceivers();
    h = await startDispatcherHarness(
      { CONSENT_DELIVERY_ATTEMPTS: '3', CONSENT_DELIVERY_BACKOFF_MS: '300', CONSENT_EXPIRY_SWEEP_MS: '50', CONSENT_OFFER_SWEEP_MS: '50' },
      [testWebhookDeliverer()],
    );
    pool = createPgPool(databaseUrl, { schema: h.schema });
    db = createConsentDb(pool, h.schema);
    store = promptRepository(db, pool, h.schema);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await pool?.end();
    await h?.close();
    await receivers?.close();
  });

  it('expires a delivered, undecided prompt without anyone asking; one event, published; a late decision answers 410', async () => {
    const event = await created('alice', `${receivers.base}/ok/alice`);
    const [got] = await waitFor(() => arrivals('/ok/alice').length > 0 && arrivals('/ok/alice'), 5000, 'the prompt');
    await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'delivered', 5000, 'delivered');

    await expireNow(event.data.request_id);
    await waitFor(async () => (await promptFor(event.data.request_id))?.status === 'expired', 5000, 'the sweeper');
    const [published] = await waitFor(
      () => h.q<{ envelope: { data: unknown } }>("SELECT envelope FROM $schema.outbox_events WHERE key = $1 AND envelope->>'type' = 'ciba.consent.expired.v1' AND published_at IS NOT NULL", [event.data.request_id]).then((r) => r.length > 0 && r),
      5000,
      'the expired event through the relay',
    );
    const prompt = (await promptFor(event.data.request_id))!;
    expect(prompt.delivery_status).toBe('delivered');
    expect(published!.envelope.data).toEqual({
      request_id: event.data.request_id,
      prompt_id: prompt.prompt_id,
      client_id: 'client-1',
      sub: 'alice',
      expired_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    await sleep(300);
    expect(await postDecision(decisionUrl(got!), String(got!.body.decision_token), { decision: 'approve' })).toMatchObject({
      status: 410,
      body: { error: 'gone', error_description: 'the authentication request has expired' },
    });
    expect(await decisionTypes(event.data.request_id)).toEqual(['ciba.consent.expired.v1']);
  });

  it('makes no more offers once the prompt expired (the next round is not offered)', async () => {
    const event = await created('bob', `${receivers.base}/fail/bob`);
    await waitFor(async () => (await promptFor(event.data.request_id))?.next_offer_at != null && arrivals('/fail/bob').length === 1, 5000, 'round 1 failed, round 2 due');
    await expireNow(event.data.request_id);
    await waitFor(async () => (await promptFor(event.data.request_id))?.status === 'expired', 5000, 'the sweeper');
    await sleep(1000);
    expect(arrivals('/fail/bob')).toHaveLength(1);
    expect(await promptFor(event.data.request_id)).toMatchObject({ status: 'expired', delivery_status: 'expired', next_offer_at: null });
    expect(await decisionTypes(event.data.request_id)).toEqual(['ciba.consent.expired.v1']);
  });

  /** Pending prompts expiring in an hour (the service's own sweeper leaves them alone). */
  async function pendingPrompts(count: number, expiresAt: Date) {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const requestId = randomUUID();
        const { prompt } = await store.recordCreated('race-test', randomUUID(), {
          promptId: randomBytes(16).toString('base64url'),
          requestId,
          clientId: 'client-1',
          sub: 'race',
          scope: 'openid',
          expiresAt,
          deliveryStatus: 'queued',
        });
        return prompt;
      }),
    );
  }

  it('lets exactly one of approve, deny and expire win when they race (store level, both sides due)', async () => {
    for (let round = 0; round < 3; round += 1) {
      const expiresAt = new Date(Date.now() + 3_600_000 + round);
      const prompts = await pendingPrompts(20, expiresAt);
      const before = new Date(expiresAt.getTime() - 1);
      const sweep = (at: Date) => store.expireDue(at, 7, (p) => consentExpiredEvent(p, at));
      const results = await Promise.all([
        sweep(expiresAt),
        ...prompts.map((p, i) => store.decide(p.promptId, i % 2 ? 'approved' : 'denied', before, decisionEvent(p, i % 2 ? 'approved' : 'denied', before))),
        sweep(expiresAt),
      ]);
      // What a sweep left behind (skipped while locked) goes on the next one.
      await sweep(expiresAt);
      const decided = results.slice(1, -1) as boolean[];
      for (const [i, p] of prompts.entries()) {
        const row = (await promptFor(p.requestId))!;
        const types = await decisionTypes(p.requestId);
        expect(types).toHaveLength(1);
        const expected = { approved: 'ciba.consent.granted.v1', denied: 'ciba.consent.denied.v1', expired: 'ciba.consent.expired.v1' }[row.status as 'approved'];
        expect(types[0]).toBe(expected);
        expect(decided[i]).toBe(row.status !== 'expired');
      }
    }
  });

  it('expires each due prompt exactly once when several sweepers (replicas) run at once', async () => {
    const expiresAt = new Date(Date.now() + 7_200_000);
    const prompts = await pendingPrompts(40, expiresAt);
    const sweep = () => store.expireDue(expiresAt, 7, (p) => consentExpiredEvent(p, expiresAt));
    const drain = async () => {
      let n = 0;
      for (let batch = await sweep(); batch.length > 0; batch = await sweep()) n += batch.length;
      return n;
    };
    const counts = await Promise.all([drain(), drain(), drain()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    for (const p of prompts) expect(await decisionTypes(p.requestId)).toEqual(['ciba.consent.expired.v1']);
  });
});
