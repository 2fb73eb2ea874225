import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { generateVAPIDKeys } from 'web-push';
import { deriveChannelKey, runChannel } from '@ciba/channel-kit';
import { TOPICS, channelOffersTopic, type ChannelOfferRequestedV1, type EventOf, type UserChannel } from '@ciba/contracts';
import { KafkaBus, RedisStreamsBus, type EventBus, type Subscription } from '@ciba/event-bus';
import { kafkaAvailable, kafkaBrokers, waitFor } from '@ciba/test-support';
import { createPushDeliverer } from '../../src/push-deliverer.ts';
import { startGoogle, type GoogleStandIn } from '../support/google-stand-in.ts';
import { pushDelivery } from '../support/push-delivery.ts';
import { startPushService, type PushServiceStandIn } from '../support/push-service-stand-in.ts';
import { sampleOffer } from '../../../../libs/channel-kit/test/support/sample-offer.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
type Outcome = EventOf<typeof TOPICS.channelOutcomes>;

interface BusKind {
  name: string;
  available: () => boolean;
  /** A bus on its own namespace or topic prefix, and how to clean up after it. */
  create: () => { bus: EventBus; cleanup: () => Promise<void> };
}

const kinds: BusKind[] = [
  {
    name: 'RedisStreamsBus',
    available: () => true,
    create: () => {
      const namespace = `push-channel-${randomBytes(6).toString('hex')}`;
      const bus = new RedisStreamsBus({ redisUrl: REDIS_URL, namespace, clientId: 'push-channel-test', logger: silent, blockMs: 100, leaseMs: 600 });
      return {
        bus,
        cleanup: async () => {
          const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
          const keys = await admin.keys(`${namespace}:*`);
          if (keys.length > 0) await admin.del(...keys);
          await admin.quit();
        },
      };
    },
  },
  {
    name: 'KafkaBus',
    available: () => kafkaAvailable('push channel over Kafka'),
    create: () => ({
      bus: new KafkaBus({ brokers: kafkaBrokers(), clientId: 'push-channel-test', logger: silent, topicPrefix: `push-channel-${randomBytes(6).toString('hex')}.`, partitions: 2, retry: { initialMs: 10, maxMs: 50 } }),
      cleanup: async () => {},
    }),
  },
];

/**
 * The push channel as it runs in production, on a real bus: the dispatcher's sealed offer on
 * ciba.channel-offers.push → runChannel opens it with the push key → FCM or Web Push on loopback
 * stand-ins → the outcome on ciba.channel-outcomes, carrying identifiers only.
 */
describe.each(kinds.filter((kind) => kind.available()).map((kind) => [kind.name, kind] as const))('the push channel over %s', (_name, kind) => {
  jest.setTimeout(60_000);
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:push-ops@example.com' };
  const key = deriveChannelKey(new Uint8Array(randomBytes(32)), 'push');
  const outcomes: Outcome[] = [];
  let google: GoogleStandIn;
  let pushService: PushServiceStandIn;
  let bus: EventBus;
  let cleanup: () => Promise<void>;
  let channel: Subscription;

  beforeAll(async () => {
    google = await startGoogle();
    pushService = await startPushService(vapid.publicKey);
    ({ bus, cleanup } = kind.create());
    const deliverer = createPushDeliverer({ production: false, timeoutMs: 5000, fcm: { serviceAccount: google.serviceAccount.account, baseUrl: google.url }, webPush: vapid });
    const suffix = randomBytes(4).toString('hex');
    channel = await runChannel({ bus, deliverer, key, logger: silent, group: `channel.push.${suffix}` });
    await bus.subscribe({ group: `dispatcher.outcomes.${suffix}`, topics: [TOPICS.channelOutcomes], handler: async (event) => void outcomes.push(event) });
  });

  afterAll(async () => {
    await channel?.close();
    await bus?.close();
    await cleanup?.();
    await google?.close();
    await pushService?.close();
  });

  const offer = (entry: Extract<UserChannel, { type: 'push' }>) => sampleOffer(key, { channel: 'push', delivery: (offerId) => pushDelivery(entry, offerId) });
  const publish = (event: ChannelOfferRequestedV1) => bus.publish([{ topic: channelOffersTopic('push'), key: event.subject, event }]);
  const outcomeOf = (event: ChannelOfferRequestedV1) => waitFor(() => outcomes.find((o) => o.data.offer_id === event.data.offer_id), 30_000, `the outcome of offer ${event.data.offer_id}`);

  it('an fcm offer reaches FCM and is answered delivered, with identifiers only', async () => {
    const registrationToken = `fcm-${randomBytes(12).toString('hex')}`;
    const event = await offer({ type: 'push', provider: 'fcm', token: registrationToken });
    await publish(event);
    const outcome = await outcomeOf(event);
    expect(outcome).toMatchObject({
      type: 'ciba.channel_offer.delivered.v1',
      source: '/channels/push',
      subject: event.subject,
      data: { offer_id: event.data.offer_id, request_id: event.data.request_id, prompt_id: event.data.prompt_id, channel: 'push', channel_index: 0, round: 1, status_code: 200 },
    });
    const sent = google.sends.find((s) => s.body.message['token'] === registrationToken);
    expect(sent?.body.message['data']).toMatchObject({ prompt_id: event.data.prompt_id });
    expect(JSON.stringify(outcome)).not.toContain(registrationToken);
    expect(JSON.stringify(outcome)).not.toContain((sent!.body.message['data'] as Record<string, string>)['decision_token']);
  });

  it('a webpush offer whose subscription is gone (410) is answered failed, reason gone', async () => {
    const browser = pushService.subscribe();
    pushService.answers.push({ status: 410 });
    const event = await offer({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    await publish(event);
    const outcome = await outcomeOf(event);
    expect(outcome).toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { offer_id: event.data.offer_id, reason: 'gone', status_code: 410 } });
    expect(JSON.parse(pushService.received.at(-1)!.payload)).toMatchObject({ prompt_id: event.data.prompt_id });
    expect(JSON.stringify(outcome)).not.toContain(browser.subscription.endpoint);
  });

  it('an offer sealed under another channel key is answered unreadable, nothing sent', async () => {
    const sends = google.sends.length;
    const foreign = await sampleOffer(deriveChannelKey(new Uint8Array(randomBytes(32)), 'push'), { channel: 'push', delivery: (offerId) => pushDelivery({ type: 'push', provider: 'fcm', token: 'fcm-x' }, offerId) });
    await publish(foreign);
    expect(await outcomeOf(foreign)).toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'unreadable' } });
    expect(google.sends.length).toBe(sends);
  });
});
