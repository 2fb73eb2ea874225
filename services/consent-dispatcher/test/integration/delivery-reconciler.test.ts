import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { TOPICS } from '@ciba/contracts';
import { QUEUES } from '@ciba/contracts/queues';
import { createRedis, sha256 } from '@ciba/service-kit';
import { loadConsentConfig } from '../../src/config.ts';
import { PROMPTS_GROUP } from '../../src/handlers/prompt-consumer.ts';
import { createConsentDispatcherService, type ConsentDispatcherService } from '../../src/service.ts';
import { createdEvent } from '../support/created-event.ts';
import { startReceivers } from '../support/receivers.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { TestBus, waitFor } from '@ciba/test-support';
import { TestDirectory } from '../support/test-directory.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Redis keeps nothing on disk: a lost BullMQ job must not lose the prompt. The first run (in process)
 * fails (the user's only channel answers 500), so the job that takes over waits a minute for run 2;
 * the test then takes the job away and fixes the channel, and the reconciler (every 100 ms, grace
 * 200 ms) has to bring the delivery back. A first run still under way is left alone.
 */
describe('delivery reconciler: PostgreSQL is the source of truth for prompts waiting for a channel', () => {
  const suffix = randomBytes(6).toString('hex');
  const schema = `consent_rec_${suffix}`;
  const prefix = `consent_rec_${suffix}`;
  const bus = new TestBus();
  const directory = new TestDirectory();
  const sql = new pg.Client({ connectionString: databaseUrl });
  let redis: Redis;
  let queue: Queue;
  let service: ConsentDispatcherService;
  let receivers: Awaited<ReturnType<typeof startReceivers>>;

  const promptFor = async (requestId: string) =>
    (await sql.query<{ prompt_id: string; delivery_status: string }>(`SELECT * FROM "${schema}".consent_prompts WHERE request_id = $1`, [requestId])).rows[0];
  const arrivals = (path: string) => receivers.received.filter((r) => r.path === path);

  /** A prompt for `sub` whose first delivery run failed; its job now waits a minute in `delayed`. */
  async function waitingForRetry(sub: string) {
    directory.users.set(sub, [{ type: 'webhook', url: `${receivers.base}/fail/${sub}` }]);
    const event = createdEvent(sub);
    await bus.deliver(PROMPTS_GROUP, TOPICS.authRequests, event);
    await waitFor(() => arrivals(`/fail/${sub}`).length === 1, 5000, 'the failed first run');
    const prompt = (await promptFor(event.data.request_id))!;
    await waitFor(async () => (await queue.getJobState(prompt.prompt_id)) === 'delayed', 5000, 'the job waiting for its retry');
    directory.users.set(sub, [{ type: 'webhook', url: `${receivers.base}/ok/${sub}` }]);
    return { event, prompt };
  }

  beforeAll(async () => {
    receivers = await startReceivers();
    redis = createRedis('redis://127.0.0.1:6379', 'consent-reconciler-test');
    queue = new Queue(QUEUES.consentPromptDelivery, { connection: redis, prefix });
    const config = loadConsentConfig({
      DATABASE_URL: databaseUrl,
      CONSENT_PUBLIC_URL: 'http://consent.test',
      WEBHOOK_TIMEOUT_MS: '1000',
      CONSENT_DELIVERY_ATTEMPTS: '5',
      CONSENT_DELIVERY_BACKOFF_MS: '60000',
      CONSENT_RECONCILE_MS: '100',
      CONSENT_RECONCILE_GRACE_MS: '200',
      LOG_LEVEL: 'silent',
    });
    service = await createConsentDispatcherService({ config, logger: silentLogger, bus, directory: directory.port(), redis, schema, queuePrefix: prefix });
    await service.start();
    await sql.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await queue?.close();
    await receivers?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  });

  it('leaves a prompt whose job is alive alone (no extra run)', async () => {
    const { event } = await waitingForRetry('alice');
    await sleep(500);
    expect(arrivals('/fail/alice')).toHaveLength(1);
    expect(arrivals('/ok/alice')).toHaveLength(0);
    expect((await promptFor(event.data.request_id))?.delivery_status).toBe('queued');
  });

  it('leaves a first run under way alone however long it takes: one delivery, and the token the device got works', async () => {
    directory.users.set('erin', [
      { type: 'webhook', url: `${receivers.base}/never/erin` },
      { type: 'webhook', url: `${receivers.base}/ok/erin` },
    ]);
    const event = createdEvent('erin');
    await bus.deliver(PROMPTS_GROUP, TOPICS.authRequests, event);
    await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'delivered', 5000, 'delivered after the 1 s timeout');
    await sleep(300);
    expect(arrivals('/never/erin')).toHaveLength(1);
    expect(arrivals('/ok/erin')).toHaveLength(1);
    const { rows } = await sql.query<{ decision_token_hash: string }>(`SELECT decision_token_hash FROM "${schema}".consent_prompts WHERE request_id = $1`, [event.data.request_id]);
    expect(rows[0]?.decision_token_hash).toBe(sha256(String(arrivals('/ok/erin')[0]!.body.decision_token)));
  });

  it('delivers the prompt anyway when its BullMQ job was deleted', async () => {
    const { event, prompt } = await waitingForRetry('bob');
    expect(await queue.remove(prompt.prompt_id)).toBe(1);
    expect(await queue.getJobState(prompt.prompt_id)).toBe('unknown');
    await waitFor(() => arrivals('/ok/bob').length > 0, 5000, 'the prompt delivered after reconciliation');
    await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'delivered', 5000, 'delivered');
    await sleep(300);
    expect(arrivals('/ok/bob')).toHaveLength(1);
  });

  it('delivers every waiting prompt anyway when all the queue keys under the prefix were flushed (Redis restarted empty)', async () => {
    const waiting = [await waitingForRetry('carol'), await waitingForRetry('dave')];
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    for (const sub of ['carol', 'dave']) await waitFor(() => arrivals(`/ok/${sub}`).length > 0, 5000, `the prompt of ${sub}`);
    for (const { event } of waiting) {
      await waitFor(async () => (await promptFor(event.data.request_id))?.delivery_status === 'delivered', 5000, 'delivered');
    }
    await sleep(300);
    expect(arrivals('/ok/carol')).toHaveLength(1);
    expect(arrivals('/ok/dave')).toHaveLength(1);
    // alice's job went with the flush too; it is back, and delivers her prompt as well.
    await waitFor(() => arrivals('/ok/alice').length > 0, 5000, 'alice after the flush');
  });
});
