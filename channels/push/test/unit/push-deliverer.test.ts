import { generateVAPIDKeys } from 'web-push';
import { createPushDeliverer } from '../../src/push-deliverer.ts';
import { startGoogle, type GoogleStandIn } from '../support/google-stand-in.ts';
import { pushDelivery } from '../support/push-delivery.ts';
import { startPushService, type PushServiceStandIn } from '../support/push-service-stand-in.ts';
import { sampleDelivery } from '../../../../libs/channel-kit/test/support/sample-offer.ts';

const signal = () => new AbortController().signal;
const fcmEntry = { type: 'push', provider: 'fcm', token: 'fcm-registration-token' } as const;

describe('createPushDeliverer', () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:push-ops@example.com' };
  let google: GoogleStandIn;
  let pushService: PushServiceStandIn;

  beforeAll(async () => {
    google = await startGoogle();
    pushService = await startPushService(vapid.publicKey);
  });
  afterAll(async () => {
    await google.close();
    await pushService.close();
  });

  const both = () => createPushDeliverer({ production: false, timeoutMs: 5000, fcm: { serviceAccount: google.serviceAccount.account, baseUrl: google.url }, webPush: vapid });

  it('is the push channel', () => {
    expect(createPushDeliverer({ production: false, timeoutMs: 5000 }).channel).toBe('push');
  });

  it('sends an fcm entry over FCM and a webpush entry over Web Push', async () => {
    const deliverer = both();
    const browser = pushService.subscribe();
    await expect(deliverer.deliver(pushDelivery(fcmEntry), signal())).resolves.toEqual({ delivered: true, statusCode: 200 });
    await expect(deliverer.deliver(pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription }), signal())).resolves.toEqual({ delivered: true, statusCode: 201 });
    expect(google.sends.map((s) => s.body.message['token'])).toEqual([fcmEntry.token]);
    expect(pushService.received).toHaveLength(1);
  });

  it('a provider without credentials fails its entries not_configured, without a request', async () => {
    const sends = google.sends.length;
    const fcmOnly = createPushDeliverer({ production: false, timeoutMs: 5000, fcm: { serviceAccount: google.serviceAccount.account, baseUrl: google.url } });
    const webPushOnly = createPushDeliverer({ production: false, timeoutMs: 5000, webPush: vapid });
    const browser = pushService.subscribe();
    await expect(fcmOnly.deliver(pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription }), signal())).resolves.toEqual({ delivered: false, reason: 'not_configured' });
    await expect(webPushOnly.deliver(pushDelivery(fcmEntry), signal())).resolves.toEqual({ delivered: false, reason: 'not_configured' });
    expect(google.sends.length).toBe(sends);
    expect(pushService.received).toHaveLength(1);
  });

  it('an entry that is not a push entry fails not_configured', async () => {
    await expect(both().deliver(sampleDelivery('0b5e3c1e-8f5e-4c43-9a53-3f8f3d7d2a10'), signal())).resolves.toEqual({ delivered: false, reason: 'not_configured' });
  });
});
