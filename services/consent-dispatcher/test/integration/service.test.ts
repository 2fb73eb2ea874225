import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Redis } from 'ioredis';
import { TOPICS } from '@ciba/contracts';
import { QUEUES } from '@ciba/contracts/queues';
import { createRedis, sha256 } from '@ciba/service-kit';
import { loadConsentConfig } from '../../src/config.ts';
import { PROMPTS_GROUP } from '../../src/handlers/prompt-consumer.ts';
import { createConsentDispatcherService, type ConsentDispatcherService } from '../../src/service.ts';
import { createdEvent } from '../support/created-event.ts';
import { postDecision } from '../support/post-decision.ts';
import { startReceivers, type Received } from '../support/receivers.ts';
import { serve } from '../support/serve.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { TestBus, waitFor } from '@ciba/test-support';
import { TestDirectory } from '../support/test-directory.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const PUBLIC_URL = 'http://consent.test';

describe('consent dispatcher on PostgreSQL, Redis and BullMQ', () => {
  const suffix = randomBytes(6).toString('hex');
  const schema = `consent_t_${suffix}`;
  const prefix = `consent_t_${suffix}`;
  const bus = new TestBus();
  const directory = new TestDirectory();
  const sql = new pg.Client({ connectionString: databaseUrl });
  let redis: Redis;
  let service: ConsentDispatcherService;
  let receivers: Awaited<ReturnType<typeof startReceivers>>;
  let app: Awaited<ReturnType<typeof serve>>;

  const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await sql.query<T>(text.replaceAll('$schema', `"${schema}"`), values)).rows;
  const decisionUrl = (received: Received) => `${app.url}${new URL(String(received.body.decision_uri)).pathname}`;
  const promptFor = async (requestId: string) =>
    (await q<{ prompt_id: string; status: string; delivery_status: string; delivery_failure: string | null; decision_token_hash: string | null }>(
      'SELECT * FROM $schema.consent_prompts WHERE request_id = $1',
      [requestId],
    ))[0];
  const arrivals = (path: string) => receivers.received.filter((r) => r.path === path);
  const deliver = (event: ReturnType<typeof createdEvent>) => bus.deliver(PROMPTS_GROUP, TOPICS.authRequests, event);

  beforeAll(async () => {
    receivers = await startReceivers();
    redis = createRedis('redis://127.0.0.1:6379', 'consent-dispatcher-test');
    const config = loadConsentConfig({
      DATABASE_URL: databaseUrl,
      CONSENT_PUBLIC_URL: PUBLIC_URL,
      WEBHOOK_TIMEOUT_MS: '1000',
      CONSENT_DELIVERY_ATTEMPTS: '2',
      CONSENT_DELIVERY_BACKOFF_MS: '50',
      LOG_LEVEL: 'silent',
    });
    service = await createConsentDispatcherService({ config, logger: silentLogger, bus, directory: directory.port(), redis, schema, queuePrefix: prefix });
    await service.start();
    app = await serve(service.router);
    await sql.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await app?.close();
    await receivers?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  });

  describe('delivery', () => {
    it('tries the next channel after a 500, a timeout and a 302, and the 200 receiver gets the prompt of §4', async () => {
      directory.users.set('alice', [
        { type: 'webhook', url: `${receivers.base}/fail/alice` },
        { type: 'sms', phone: '+15550100' },
        { type: 'webhook', url: `${receivers.base}/never/alice` },
        { type: 'webhook', url: `${receivers.base}/redirect/alice` },
        { type: 'webhook', url: `${receivers.base}/ok/alice` },
      ]);
      const event = createdEvent('alice', 600_000, { binding_message: 'W4SP', acr_values: 'urn:acr:silver' });
      await deliver(event);
      const [got] = await waitFor(() => arrivals('/ok/alice').length > 0 && arrivals('/ok/alice'), 10_000, 'the prompt at /ok');
      const prompt = (await promptFor(event.data.request_id))!;

      expect(got!.headers['content-type']).toBe('application/json');
      expect(got!.body).toEqual({
        prompt_id: prompt.prompt_id,
        sub: 'alice',
        client_id: 'client-1',
        client_name: 'Example Bank',
        scope: 'openid profile',
        binding_message: 'W4SP',
        acr_values: 'urn:acr:silver',
        expires_at: new Date(event.data.expires_at).toISOString(),
        decision_uri: `${PUBLIC_URL}/device/decisions/${prompt.prompt_id}`,
        decision_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(prompt.prompt_id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(arrivals('/fail/alice')).toHaveLength(1);
      expect(arrivals('/never/alice')).toHaveLength(1);
      expect(arrivals('/redirect/alice')).toHaveLength(1);
      expect(arrivals('/target/alice')).toHaveLength(0);

      await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'delivered', 5000, 'delivered');
      const attempts = await q<{ channel_index: number; channel_type: string; outcome: string; status_code: number | null; job_attempt: number }>(
        'SELECT channel_index, channel_type, outcome, status_code, job_attempt FROM $schema.prompt_deliveries WHERE prompt_id = $1 ORDER BY id',
        [prompt.prompt_id],
      );
      expect(attempts).toEqual([
        { channel_index: 0, channel_type: 'webhook', outcome: 'rejected', status_code: 500, job_attempt: 1 },
        { channel_index: 1, channel_type: 'sms', outcome: 'not_configured', status_code: null, job_attempt: 1 },
        { channel_index: 2, channel_type: 'webhook', outcome: 'timeout', status_code: null, job_attempt: 1 },
        { channel_index: 3, channel_type: 'webhook', outcome: 'redirected', status_code: 302, job_attempt: 1 },
        { channel_index: 4, channel_type: 'webhook', outcome: 'accepted', status_code: 200, job_attempt: 1 },
      ]);
      const published = await waitFor(
        () => bus.published.find((m) => m.event.type === 'ciba.consent_prompt.delivered.v1' && m.key === event.data.request_id),
        5000,
        'the delivered event through the outbox relay',
      );
      expect(published.topic).toBe(TOPICS.consentPrompts);
      expect(published.event.data).toEqual({ request_id: event.data.request_id, prompt_id: prompt.prompt_id, channel_type: 'webhook', channel_index: 4, attempts: 1 });
    });

    it('delivers a new prompt in process: no BullMQ job, the token stored with the prompt, one attempt row', async () => {
      directory.users.set('olivia', [{ type: 'webhook', url: `${receivers.base}/ok/olivia` }]);
      const event = createdEvent('olivia');
      await deliver(event);
      await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'delivered', 5000, 'delivered');
      const prompt = (await promptFor(event.data.request_id))!;
      const [got] = arrivals('/ok/olivia');
      expect(prompt.decision_token_hash).toBe(sha256(String(got!.body.decision_token)));
      expect(await redis.keys(`${prefix}:${QUEUES.consentPromptDelivery}:${prompt.prompt_id}*`)).toEqual([]);
      expect(await q('SELECT job_attempt, outcome FROM $schema.prompt_deliveries WHERE prompt_id = $1', [prompt.prompt_id])).toEqual([{ job_attempt: 1, outcome: 'accepted' }]);
    });

    it('handles a duplicated created event once: one prompt, one delivery', async () => {
      directory.users.set('bob', [{ type: 'webhook', url: `${receivers.base}/ok/bob` }]);
      const event = createdEvent('bob');
      await Promise.all([deliver(event), deliver(event)]);
      await deliver(event);
      await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'delivered', 5000, 'delivered');
      await deliver(event);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(arrivals('/ok/bob')).toHaveLength(1);
      expect(await q('SELECT prompt_id FROM $schema.consent_prompts WHERE request_id = $1', [event.data.request_id])).toHaveLength(1);
      expect(await q('SELECT 1 FROM $schema.processed_events WHERE event_id = $1', [event.id])).toHaveLength(1);
      expect(await q('SELECT 1 FROM $schema.prompt_deliveries d JOIN $schema.consent_prompts p USING (prompt_id) WHERE p.request_id = $1', [event.data.request_id])).toHaveLength(1);
    });

    it('retries when every channel failed, then publishes undeliverable', async () => {
      directory.users.set('carol', [
        { type: 'webhook', url: `${receivers.base}/fail/carol` },
        { type: 'email', address: 'carol@example.com' },
      ]);
      const event = createdEvent('carol');
      await deliver(event);
      const published = await waitFor(
        () => bus.published.find((m) => m.event.type === 'ciba.consent_prompt.undeliverable.v1' && m.key === event.data.request_id),
        10_000,
        'the undeliverable event',
      );
      const prompt = (await promptFor(event.data.request_id))!;
      expect(published.event.data).toEqual({ request_id: event.data.request_id, prompt_id: prompt.prompt_id, channels_tried: 2 });
      expect(prompt).toMatchObject({ delivery_status: 'undeliverable', delivery_failure: 'all_channels_failed' });
      expect(arrivals('/fail/carol')).toHaveLength(2);
      const runs = await q<{ job_attempt: number }>('SELECT DISTINCT job_attempt FROM $schema.prompt_deliveries WHERE prompt_id = $1 ORDER BY job_attempt', [prompt.prompt_id]);
      expect(runs.map((r) => r.job_attempt)).toEqual([1, 2]);
    });

    it('gives up and records it when the user was deleted', async () => {
      const event = createdEvent('deleted-user');
      await deliver(event);
      await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'undeliverable', 5000, 'undeliverable');
      expect(await promptFor(event.data.request_id)).toMatchObject({ delivery_failure: 'user_unknown' });
      const [row] = await q<{ envelope: { type: string; data: unknown } }>("SELECT envelope FROM $schema.outbox_events WHERE key = $1", [event.data.request_id]);
      expect(row?.envelope).toMatchObject({ type: 'ciba.consent_prompt.undeliverable.v1', data: { channels_tried: 0 } });
    });

    it('records an already-expired request as expired with one ciba.consent.expired.v1, and delivers nothing', async () => {
      directory.users.set('dave', [{ type: 'webhook', url: `${receivers.base}/ok/dave` }]);
      const event = createdEvent('dave', -1000);
      await deliver(event);
      await deliver(event);
      const prompt = await promptFor(event.data.request_id);
      expect(prompt).toMatchObject({ status: 'expired', delivery_status: 'expired', decision_token_hash: null });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(arrivals('/ok/dave')).toHaveLength(0);
      const rows = await q<{ topic: string; envelope: { type: string; data: Record<string, unknown> } }>('SELECT topic, envelope FROM $schema.outbox_events WHERE key = $1', [
        event.data.request_id,
      ]);
      expect(rows).toEqual([
        {
          topic: TOPICS.consentDecisions,
          envelope: expect.objectContaining({
            type: 'ciba.consent.expired.v1',
            data: { request_id: event.data.request_id, prompt_id: prompt!.prompt_id, client_id: 'client-1', sub: 'dave', expired_at: new Date(event.data.expires_at).toISOString() },
          }),
        },
      ]);
    });
  });

  describe('start()', () => {
    it('watches the broker for resets: the epoch under the bus namespace records this schema as replayed', async () => {
      const epoch = await redis.hget(`${prefix}:epoch`, 'id');
      expect(epoch).toMatch(/^[a-z0-9]+-[0-9a-f]{16}$/);
      expect(await redis.hget(`${prefix}:epoch`, `replayed:${schema}`)).toBe(epoch);
    });
  });

  describe('POST /device/decisions/{prompt_id}', () => {
    /** Delivers a fresh request for `sub` to an OK receiver; resolves with what the receiver got. */
    async function delivered(sub: string, failingFirst = false) {
      directory.users.set(sub, [
        ...(failingFirst ? [{ type: 'webhook' as const, url: `${receivers.base}/fail/${sub}` }] : []),
        { type: 'webhook', url: `${receivers.base}/ok/${sub}` },
      ]);
      const event = createdEvent(sub);
      await deliver(event);
      const [got] = await waitFor(() => arrivals(`/ok/${sub}`).length > 0 && arrivals(`/ok/${sub}`), 5000, `the prompt of ${sub}`);
      return { event, got: got!, failed: arrivals(`/fail/${sub}`)[0] };
    }

    it('200 on the first decision, 200 for the same again, 409 for a different one; one outbox row', async () => {
      const { event, got } = await delivered('erin');
      const token = String(got.body.decision_token);
      const first = await postDecision(decisionUrl(got), token, { decision: 'approve' });
      expect(first).toMatchObject({ status: 200, body: { status: 'approved' } });
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(await postDecision(decisionUrl(got), token, { decision: 'approve' })).toMatchObject({ status: 200, body: { status: 'approved' } });
      expect(await postDecision(decisionUrl(got), token, { decision: 'deny' })).toMatchObject({ status: 409, body: { error: 'conflict' } });

      const prompt = (await promptFor(event.data.request_id))!;
      expect(prompt.status).toBe('approved');
      const rows = await q<{ topic: string; key: string; envelope: { type: string; subject: string; data: Record<string, unknown> } }>(
        "SELECT topic, key, envelope FROM $schema.outbox_events WHERE topic = $1 AND key = $2",
        [TOPICS.consentDecisions, event.data.request_id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.envelope).toMatchObject({
        type: 'ciba.consent.granted.v1',
        subject: event.data.request_id,
        data: { request_id: event.data.request_id, prompt_id: prompt.prompt_id, client_id: 'client-1', sub: 'erin', decided_at: expect.any(String) },
      });
      await waitFor(() => bus.published.find((m) => m.topic === TOPICS.consentDecisions && m.key === event.data.request_id), 5000, 'the granted event published');
    });

    it('writes ciba.consent.denied.v1 for a deny', async () => {
      const { event, got } = await delivered('frank');
      expect(await postDecision(decisionUrl(got), String(got.body.decision_token), { decision: 'deny' })).toMatchObject({ status: 200, body: { status: 'denied' } });
      const rows = await q<{ envelope: { type: string } }>('SELECT envelope FROM $schema.outbox_events WHERE topic = $1 AND key = $2', [TOPICS.consentDecisions, event.data.request_id]);
      expect(rows.map((r) => r.envelope.type)).toEqual(['ciba.consent.denied.v1']);
    });

    it('401 for a missing or wrong token, including the token sent to a channel that failed', async () => {
      const { event, got, failed } = await delivered('grace', true);
      expect(failed).toBeDefined();
      expect(failed!.body.decision_token).not.toBe(got.body.decision_token);
      expect(await postDecision(decisionUrl(got), null, { decision: 'approve' })).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
      expect((await postDecision(decisionUrl(got), 'A'.repeat(43), { decision: 'approve' })).status).toBe(401);
      expect((await postDecision(decisionUrl(got), String(failed!.body.decision_token), { decision: 'approve' })).status).toBe(401);
      expect((await promptFor(event.data.request_id))?.status).toBe('pending');
    });

    it('404 for an unknown prompt', async () => {
      expect(await postDecision(`${app.url}/device/decisions/${randomBytes(16).toString('base64url')}`, 'A'.repeat(43), { decision: 'approve' })).toMatchObject({
        status: 404,
        body: { error: 'not_found' },
      });
    });

    it('410 once the request expired undecided', async () => {
      const { event, got } = await delivered('heidi');
      await q("UPDATE $schema.consent_prompts SET expires_at = now() - interval '1 second' WHERE request_id = $1", [event.data.request_id]);
      expect(await postDecision(decisionUrl(got), String(got.body.decision_token), { decision: 'approve' })).toMatchObject({ status: 410, body: { error: 'gone' } });
      const rows = await q<{ envelope: { type: string } }>('SELECT envelope FROM $schema.outbox_events WHERE topic = $1 AND key = $2', [TOPICS.consentDecisions, event.data.request_id]);
      expect(rows.map((r) => r.envelope.type).filter((type) => type !== 'ciba.consent.expired.v1')).toEqual([]);
    });

    it('lets only one of two concurrent different decisions win', async () => {
      const { event, got } = await delivered('ivan');
      const token = String(got.body.decision_token);
      const answers = await Promise.all([
        postDecision(decisionUrl(got), token, { decision: 'approve' }),
        postDecision(decisionUrl(got), token, { decision: 'deny' }),
        postDecision(decisionUrl(got), token, { decision: 'approve' }),
        postDecision(decisionUrl(got), token, { decision: 'deny' }),
      ]);
      const winner = (await promptFor(event.data.request_id))!.status;
      expect(['approved', 'denied']).toContain(winner);
      for (const a of answers) {
        if (a.status === 200) expect(a.body).toEqual({ status: winner });
        else expect(a.status).toBe(409);
      }
      expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
      expect(await q('SELECT 1 FROM $schema.outbox_events WHERE topic = $1 AND key = $2', [TOPICS.consentDecisions, event.data.request_id])).toHaveLength(1);
    });
  });
});
