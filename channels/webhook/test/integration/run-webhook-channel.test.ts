import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { deriveChannelKey, runChannel } from '@ciba/channel-kit';
import { channelOffersTopic, TOPICS, type EventOf } from '@ciba/contracts';
import { KafkaBus, RedisStreamsBus, type EventBus, type Subscription } from '@ciba/event-bus';
import { kafkaAvailable, kafkaBrokers, waitFor } from '@ciba/test-support';
import { createWebhookDeliverer } from '../../src/webhook-deliverer.ts';
import { createPromptSigner, type PromptSigner } from '../support/prompt-signer.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { promptVerifier } from '../support/verify-prompt.ts';
import { webhookOffer } from '../support/webhook-offer.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
type Outcome = EventOf<typeof TOPICS.channelOutcomes>;

interface BusLeg {
  name: string;
  available: () => boolean;
  /** Two buses of one isolated scope (the dispatcher's side and the channel's), and its cleanup. */
  scope: () => { dispatcherBus: EventBus; channelBus: EventBus; cleanup: () => Promise<void> };
}

const legs: BusLeg[] = [
  {
    name: 'Redis Streams',
    available: () => true,
    scope: () => {
      const namespace = `channel-webhook-test-${randomBytes(6).toString('hex')}`;
      const bus = (clientId: string) => new RedisStreamsBus({ redisUrl: REDIS_URL, namespace, clientId, logger: silentLogger, blockMs: 100, leaseMs: 1500 });
      return {
        dispatcherBus: bus('test-dispatcher'),
        channelBus: bus('ciba-channel-webhook'),
        cleanup: async () => {
          const admin = new Redis(REDIS_URL);
          const keys = await admin.keys(`${namespace}:*`);
          if (keys.length > 0) await admin.del(...keys);
          await admin.quit();
        },
      };
    },
  },
  {
    name: 'Kafka',
    available: () => kafkaAvailable('channel-webhook over Kafka'),
    scope: () => {
      const topicPrefix = `channel-webhook-test-${randomBytes(6).toString('hex')}.`;
      const bus = (clientId: string) => new KafkaBus({ brokers: kafkaBrokers(), clientId, logger: silentLogger, topicPrefix, sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 10_000 });
      return { dispatcherBus: bus('test-dispatcher'), channelBus: bus('ciba-channel-webhook'), cleanup: async () => {} };
    },
  },
];

describe.each(legs)('the webhook channel over $name', (leg) => {
  const run = leg.available() ? it : it.skip;
  jest.setTimeout(90_000);

  const master = new Uint8Array(randomBytes(32));
  const key = deriveChannelKey(master, 'webhook');
  let receiver: WebhookReceiver;
  let signer: PromptSigner;
  let buses: ReturnType<BusLeg['scope']>;
  const subscriptions: Subscription[] = [];
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    if (!leg.available()) return;
    signer = await createPromptSigner();
    receiver = await startWebhookReceiver();
    receiver.jwks = signer.jwks;
    buses = leg.scope();
    const deliverer = createWebhookDeliverer({ timeoutMs: 5000, production: false });
    subscriptions.push(await runChannel({ bus: buses.channelBus, deliverer, key, logger: silentLogger }));
    subscriptions.push(
      await buses.dispatcherBus.subscribe({
        group: 'consent-dispatcher.outcomes',
        topics: [TOPICS.channelOutcomes],
        handler: async (event) => void outcomes.push(event),
      }),
    );
  });

  afterAll(async () => {
    if (!leg.available()) return;
    for (const subscription of subscriptions) await subscription.close();
    await buses.channelBus.close();
    await buses.dispatcherBus.close();
    await buses.cleanup();
    await receiver.close();
  });

  const outcomeOf = (offerId: string) => waitFor(() => outcomes.find((o) => o.data.offer_id === offerId), 60_000, `the outcome of ${offerId}`);

  run('a sealed offer published on ciba.channel-offers.webhook reaches the receiver signed, and delivered is answered on ciba.channel-outcomes', async () => {
    receiver.answer = { status: 202 };
    const offer = await webhookOffer(key, `${receiver.url}/prompts`, signer);
    await buses.dispatcherBus.publish([{ topic: channelOffersTopic('webhook'), key: offer.subject, event: offer }]);

    const outcome = await outcomeOf(offer.data.offer_id);
    expect(outcome).toMatchObject({
      type: 'ciba.channel_offer.delivered.v1',
      source: '/channels/webhook',
      subject: offer.subject,
      data: { offer_id: offer.data.offer_id, request_id: offer.data.request_id, prompt_id: offer.data.prompt_id, channel: 'webhook', channel_index: 0, round: 1, status_code: 202 },
    });
    const request = receiver.received.find((r) => r.body.toString('utf8').includes(offer.data.prompt_id))!;
    const verify = promptVerifier(`${receiver.url}/jwks`, 'http://127.0.0.1:8080');
    await expect(verify(request.body, request.headers['ciba-signature'] as string)).resolves.toMatchObject({ prompt_id: offer.data.prompt_id });
    expect(JSON.stringify(outcome)).not.toContain(receiver.url);
  });

  run('a receiver answering 500 gets the offer answered failed: rejected, with the status', async () => {
    receiver.answer = { status: 500 };
    const offer = await webhookOffer(key, `${receiver.url}/prompts`, signer);
    await buses.dispatcherBus.publish([{ topic: channelOffersTopic('webhook'), key: offer.subject, event: offer }]);
    await expect(outcomeOf(offer.data.offer_id)).resolves.toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'rejected', status_code: 500 } });
  });

  run('an offer sealed for another channel is answered unreadable and never POSTed', async () => {
    const before = receiver.received.length;
    const offer = await webhookOffer(deriveChannelKey(master, 'email'), `${receiver.url}/prompts`, signer);
    await buses.dispatcherBus.publish([{ topic: channelOffersTopic('webhook'), key: offer.subject, event: offer }]);
    await expect(outcomeOf(offer.data.offer_id)).resolves.toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'unreadable' } });
    expect(receiver.received.length).toBe(before);
  });
});
