import { generateVAPIDKeys } from 'web-push';
import { createWebPushSender, type WebPushSenderOptions } from '../../../src/webpush/create-web-push-sender.ts';
import { pushDelivery } from '../../support/push-delivery.ts';
import { startPushService, type PushServiceStandIn } from '../../support/push-service-stand-in.ts';

const signal = () => new AbortController().signal;

describe('createWebPushSender (Web Push against a loopback push service that decrypts)', () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:push-ops@example.com' };
  let service: PushServiceStandIn;
  let clock: number;
  const sender = (overrides: Partial<WebPushSenderOptions> = {}) => createWebPushSender({ vapid, timeoutMs: 5000, production: false, now: () => clock, ...overrides });

  beforeEach(async () => {
    service = await startPushService(vapid.publicKey);
    clock = Date.now();
  });
  afterEach(() => service.close());

  it('the browser decrypts the prompt and approval_uri; VAPID verifies under our key; TTL until expiry, urgency high', async () => {
    const browser = service.subscribe();
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    await expect(sender()(browser.subscription, delivery, signal())).resolves.toEqual({ delivered: true, statusCode: 201 });

    expect(service.refused).toEqual([]);
    const [push] = service.received;
    expect(JSON.parse(push!.payload)).toEqual({ ...delivery.prompt, approval_uri: delivery.approval_uri });
    expect(push!.vapid).toMatchObject({ aud: service.url, sub: 'mailto:push-ops@example.com' });
    expect(push!.headers).toMatchObject({
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: String(Math.floor((Date.parse(delivery.prompt.expires_at) - clock) / 1000)),
      urgency: 'high',
      topic: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    });
  });

  it('a later offer of the same prompt carries the same Topic (the push service replaces the undelivered one)', async () => {
    const browser = service.subscribe();
    const send = sender();
    const entry = { type: 'push', provider: 'webpush', subscription: browser.subscription } as const;
    await send(browser.subscription, pushDelivery(entry), signal());
    await send(browser.subscription, pushDelivery(entry), signal());
    expect(service.received.map((p) => p.headers.topic)).toEqual([service.received[0]!.headers.topic, service.received[0]!.headers.topic]);
  });

  it('a message for another browser does not decrypt: the check can fail', async () => {
    const browser = service.subscribe();
    const other = service.subscribe();
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    const misdirected = { ...browser.subscription, endpoint: other.subscription.endpoint };
    await expect(sender()(misdirected, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'rejected', statusCode: 400 });
    expect(service.refused).toEqual([expect.stringMatching(/^decrypt: /)]);
  });

  it('a VAPID key the push service does not expect is refused (401): rejected', async () => {
    const browser = service.subscribe();
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    const stranger = { ...generateVAPIDKeys(), subject: vapid.subject };
    await expect(sender({ vapid: stranger })(browser.subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'rejected', statusCode: 401 });
    expect(service.refused).toEqual(['vapid header']);
  });

  it.each([410, 404])('%i (the subscription expired or was withdrawn) fails gone', async (status) => {
    const browser = service.subscribe();
    service.answers.push({ status });
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    await expect(sender()(browser.subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'gone', statusCode: status });
  });

  it.each([429, 500, 413])('%i fails rejected with the status', async (status) => {
    const browser = service.subscribe();
    service.answers.push({ status });
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    await expect(sender()(browser.subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'rejected', statusCode: status });
  });

  it('a push service not answering before the deadline fails timeout', async () => {
    const browser = service.subscribe();
    service.answers.push('hang');
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    await expect(sender()(browser.subscription, delivery, AbortSignal.timeout(300))).resolves.toEqual({ delivered: false, reason: 'timeout' });
  });

  it('production: an http endpoint is refused before any connection (url_refused)', async () => {
    const browser = service.subscribe();
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription: browser.subscription });
    await expect(sender({ production: true })(browser.subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'url_refused' });
    expect(service.received).toEqual([]);
  });

  it.each(['https://127.0.0.1:9/push/x', 'https://10.0.0.7/push/x', 'https://[::1]/push/x'])('production: %s (not a public address) is refused (address_refused)', async (endpoint) => {
    const browser = service.subscribe();
    const subscription = { ...browser.subscription, endpoint };
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription });
    await expect(sender({ production: true })(subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'address_refused' });
  });

  it('production: a host name resolving to loopback is refused at connect time (address_refused)', async () => {
    const browser = service.subscribe();
    const subscription = { ...browser.subscription, endpoint: 'https://localhost:9/push/x' };
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription });
    await expect(sender({ production: true })(subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'address_refused' });
  });

  it('development: the cloud metadata address is refused even so', async () => {
    const browser = service.subscribe();
    const subscription = { ...browser.subscription, endpoint: 'http://169.254.169.254/latest/meta-data' };
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription });
    await expect(sender()(subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'address_refused' });
  });

  it('subscription keys that are not a P-256 point cannot encrypt: rejected, without a request', async () => {
    const browser = service.subscribe();
    const subscription = { ...browser.subscription, keys: { ...browser.subscription.keys, p256dh: Buffer.alloc(65, 7).toString('base64url') } };
    const delivery = pushDelivery({ type: 'push', provider: 'webpush', subscription });
    await expect(sender()(subscription, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'rejected' });
    expect(service.received).toEqual([]);
    expect(service.refused).toEqual([]);
  });
});
