import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { deriveChannelKey, developmentMasterKey } from '@ciba/channel-kit';
import { channelOffersTopic, TOPICS, type EventOf } from '@ciba/contracts';
import { RedisStreamsBus, type Subscription } from '@ciba/event-bus';
import { waitFor } from '@ciba/test-support';
import { freePort, startNodeProcess, type NodeProcess } from '../support/node-process.ts';
import { createPromptSigner, type PromptSigner } from '../support/prompt-signer.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { webhookOffer } from '../support/webhook-offer.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ADMIN_TOKEN = `dev-admin-token-${randomBytes(8).toString('hex')}`;

/** `npm start -w channels/webhook` as it runs in development: its key from the shared ADMIN_TOKEN, as the dispatcher's. */
describe('channels/webhook main.ts as its own process', () => {
  jest.setTimeout(120_000);

  const namespace = `channel-webhook-process-${randomBytes(6).toString('hex')}`;
  let receiver: WebhookReceiver;
  let signer: PromptSigner;
  let channel: NodeProcess;
  let bus: RedisStreamsBus;
  let outcomes: Subscription;
  let healthPort: number;
  const received: Array<EventOf<typeof TOPICS.channelOutcomes>> = [];

  beforeAll(async () => {
    signer = await createPromptSigner();
    receiver = await startWebhookReceiver();
    healthPort = await freePort();
    channel = await startNodeProcess(
      'channels/webhook/src/main.ts',
      { ADMIN_TOKEN, REDIS_URL, REDIS_NAMESPACE: namespace, CHANNEL_HEALTH_PORT: String(healthPort), HOST: '127.0.0.1', WEBHOOK_TIMEOUT_MS: '5000' },
      `http://127.0.0.1:${healthPort}/readyz`,
    );
    bus = new RedisStreamsBus({ redisUrl: REDIS_URL, namespace, clientId: 'test-dispatcher', logger: silentLogger, blockMs: 100 });
    outcomes = await bus.subscribe({ group: 'consent-dispatcher.outcomes', topics: [TOPICS.channelOutcomes], handler: async (event) => void received.push(event) });
  });

  afterAll(async () => {
    await channel?.stop('SIGKILL');
    await outcomes?.close();
    await bus?.close();
    await receiver?.close();
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${namespace}:*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('delivers a signed offer to the webhook and answers delivered; logs carry no URL or token', async () => {
    const key = deriveChannelKey(developmentMasterKey(ADMIN_TOKEN), 'webhook');
    const offer = await webhookOffer(key, `${receiver.url}/prompts`, signer);
    await bus.publish([{ topic: channelOffersTopic('webhook'), key: offer.subject, event: offer }]);
    const outcome = await waitFor(() => received.find((o) => o.data.offer_id === offer.data.offer_id), 60_000, 'the outcome');
    expect(outcome).toMatchObject({ type: 'ciba.channel_offer.delivered.v1', data: { status_code: 204 } });
    expect(receiver.received.map((r) => r.headers['ciba-signature'])).toEqual([expect.stringMatching(/^[\w-]+\.\.[\w-]+$/)]);
    await waitFor(() => channel.output().includes(`"offer_id":"${offer.data.offer_id}"`), 10_000, 'the log line of the offer');
    expect(channel.output()).toContain('"msg":"channel offer handled"');
    expect(channel.output()).not.toContain(receiver.url);
    expect(channel.output()).not.toContain('d'.repeat(43));
  });

  it('/readyz names the event bus it checks', async () => {
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok', checks: { 'event-bus': 'ok' } }]);
  });

  it('SIGTERM: exits 0 after closing the channel and the bus', async () => {
    await expect(channel.stop('SIGTERM')).resolves.toBe(0);
  });
});
