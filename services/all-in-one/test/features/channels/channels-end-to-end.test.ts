import * as oauth from 'oauth4webapi';
import { generateVAPIDKeys } from 'web-push';
import { waitFor } from '@ciba/test-support';
import { buses } from '../../support/buses.ts';
import { adminCall, decide, discover, insecure, pollForTokens, registerClient } from '../../support/ciba-fixture.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { startSmtpSink, type SmtpSink } from '../../../../../channels/email/test/support/smtp-sink.ts';
import { startSmsGateway, type SmsGateway } from '../../../../../channels/sms/test/support/sms-gateway.ts';
import { startGoogle, type GoogleStandIn } from '../../../../../channels/push/test/support/google-stand-in.ts';
import { startPushService, type PushServiceStandIn } from '../../../../../channels/push/test/support/push-service-stand-in.ts';
import { answerViaPage } from './approve-via-page.ts';
import { startSignedWebhookReceiver } from './signed-webhook-receiver.ts';

type Receiver = Awaited<ReturnType<typeof startSignedWebhookReceiver>>;

/**
 * Every built-in consent channel, end to end through the all-in-one: a CIBA request (oauth4webapi),
 * the prompt offered to the user's channel, what the real loopback server on the far side received
 * (an SMTP server, an SMS gateway, FCM, a Web Push service, a device webhook), the user's answer
 * taken from exactly that, and the client's tokens (or access_denied). Then the fallback from a
 * failing channel to the next, as GET /admin/prompts shows it.
 */
describe.each(buses('consent channels end to end'))('consent channels over $name, end to end from what the far side received', (bus) => {
  jest.setTimeout(60_000);
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:push-ops@example.com' };
  let smtp: SmtpSink;
  let sms: SmsGateway;
  let google: GoogleStandIn;
  let pushService: PushServiceStandIn;
  let webhook: Receiver;
  let failingWebhook: Receiver;
  let system: TestSystem;
  let as: oauth.AuthorizationServer;
  let client: oauth.Client;
  let clientAuth: oauth.ClientAuth;

  async function putUser(sub: string, channels: unknown[]) {
    const res = await adminCall(system, 'PUT', `/admin/users/${sub}`, { login_hints: [`${sub}@example.com`], claims: { name: sub, email: `${sub}@example.com` }, channels });
    expect(res.status).toBe(200);
  }

  async function startRequest(sub: string, bindingMessage: string) {
    const response = await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { scope: 'openid profile email', login_hint: `${sub}@example.com`, binding_message: bindingMessage }, insecure);
    return oauth.processBackchannelAuthenticationResponse(as, client, response);
  }

  const pollUntilDone = (authReqId: string, interval: number) => pollForTokens({ as, client, clientAuth }, authReqId, interval);

  async function expectTokensFor(sub: string, authReqId: string, interval: number) {
    const tokens = await pollUntilDone(authReqId, interval);
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ iss: system.issuer, sub, aud: client.client_id });
  }

  async function offersOf(authReqId: string) {
    const res = await adminCall(system, 'GET', `/admin/prompts/${encodeURIComponent(authReqId)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { delivery_status: string; offers: Array<{ channel: string; channel_type: string; channel_index: number; status: string; reason: string | null; status_code: number | null }> };
  }

  beforeAll(async () => {
    smtp = await startSmtpSink({ tls: 'starttls' });
    sms = await startSmsGateway();
    google = await startGoogle();
    pushService = await startPushService(vapid.publicKey);
    system = await startTestSystem({
      ...bus.env,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_TLS: 'starttls',
      // The sink's certificate is self-signed (refused in production; NODE_ENV is test here).
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
      SMTP_FROM: 'Sign-in <no-reply@ciba.example>',
      SMS_GATEWAY: 'json',
      SMS_GATEWAY_URL: `${sms.url}/messages`,
      SMS_GATEWAY_TOKEN: 'gateway-secret-7',
      SMS_FROM: 'CIBA',
      FCM_SERVICE_ACCOUNT_JSON: google.serviceAccount.json,
      FCM_BASE_URL: google.url,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: vapid.subject,
    });
    // The receivers check signatures against the system's keys, so they start once its /jwks is known.
    webhook = await startSignedWebhookReceiver(`${system.issuer}/jwks`);
    failingWebhook = await startSignedWebhookReceiver(`${system.issuer}/jwks`, 500);
    ({ client, clientAuth } = await registerClient(system, { client_name: 'Kiosk 12', backchannel_token_delivery_mode: 'poll' }));
    as = await discover(system);
  }, 90_000);

  afterAll(async () => {
    await system?.dispose();
    await Promise.allSettled([smtp?.close(), sms?.close(), google?.close(), pushService?.close(), webhook?.close(), failingWebhook?.close()]);
  });

  it('email: the mail the SMTP server accepted links to the approval page; approving there gives the client its tokens', async () => {
    await putUser('erin', [{ type: 'email', address: 'erin@example.com' }]);
    const started = await startRequest('erin', 'MAIL 1');
    const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes('erin@example.com')), 20_000, 'the mail');
    expect(mail.secure).toBe(true);
    expect(mail.from).toBe('no-reply@ciba.example');
    expect(mail.parsed.subject).toBe('Approve sign-in to Kiosk 12');
    expect(mail.parsed.text).toContain('Code shown on the requesting device: MAIL 1');
    const link = /approve or deny: (\S+)/.exec(mail.parsed.text ?? '')?.[1];
    expect(link).toMatch(new RegExp(`^${system.issuer}/device/approve/[^?]+\\?t=`));
    expect(mail.parsed.html).toContain(`href="${link!.replace(/&/g, '&amp;')}"`);

    const { page, result } = await answerViaPage(link!, 'approve');
    expect(page).toContain('Kiosk 12');
    expect(page).toContain('MAIL 1');
    expect(result.status).toBe(200);
    await expect(result.text()).resolves.toContain('You approved the sign-in to Kiosk 12');
    await expectTokensFor('erin', started.auth_req_id, started.interval!);

    // The link opened again shows the decision, with no form to change it.
    const again = await fetch(link!);
    const shown = await again.text();
    expect(shown).toContain('already approved');
    expect(shown).not.toContain('<form');
    expect((await offersOf(started.auth_req_id)).offers).toEqual([expect.objectContaining({ channel: 'email', status: 'delivered', status_code: 250 })]);
  });

  it('sms: the text the gateway received carries the link; denying on the page gives the client access_denied', async () => {
    await putUser('sam', [{ type: 'sms', phone: '+15550123' }]);
    const started = await startRequest('sam', 'TEXT 2');
    const hit = await waitFor(() => sms.hits.find((h) => (JSON.parse(h.body) as { to: string }).to === '+15550123'), 20_000, 'the SMS');
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/messages');
    expect(hit.headers.authorization).toBe('Bearer gateway-secret-7');
    const message = JSON.parse(hit.body) as { to: string; from: string; text: string };
    expect(message.from).toBe('CIBA');
    expect(message.text).toContain('Code: TEXT 2.');
    const link = /(https?:\/\/\S+)$/.exec(message.text)?.[1];
    expect(link).toMatch(new RegExp(`^${system.issuer}/device/approve/[^?]+\\?t=`));

    // A form posted without the page's CSRF cookie (another site submitting it) is refused and decides nothing.
    const forged = await fetch(link!.replace(/\?.*$/, ''), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: new URL(link!).searchParams.get('t')!, csrf: 'forged', decision: 'approve' }).toString(),
    });
    expect(forged.status).toBe(403);

    const { result } = await answerViaPage(link!, 'deny');
    expect(result.status).toBe(200);
    await expect(result.text()).resolves.toContain('You denied the sign-in');
    await expect(pollUntilDone(started.auth_req_id, started.interval!)).rejects.toMatchObject({ error: 'access_denied' });
  });

  it('push over FCM: the data message Google received answers at decision_uri with its decision_token', async () => {
    const token = `fcm-token-${Date.now()}`;
    await putUser('fred', [{ type: 'push', provider: 'fcm', token }]);
    const started = await startRequest('fred', 'FCM 3');
    const send = await waitFor(() => google.sends.find((s) => s.body.message['token'] === token), 20_000, 'the FCM message');
    expect(send.path).toBe(`/v1/projects/${google.serviceAccount.account.project_id}/messages:send`);
    const data = send.body.message['data'] as Record<string, string>;
    expect(data).toMatchObject({ client_name: 'Kiosk 12', binding_message: 'FCM 3', scope: 'openid profile email' });
    expect(data.decision_uri).toBe(`${system.issuer}/device/decisions/${data.prompt_id}`);

    const decision = await decide(data, 'approve');
    expect(decision.status).toBe(200);
    await expectTokensFor('fred', started.auth_req_id, started.interval!);
  });

  it('push over Web Push: the message the push service decrypted answers at decision_uri', async () => {
    const browser = pushService.subscribe();
    await putUser('wendy', [{ type: 'push', provider: 'webpush', subscription: browser.subscription }]);
    const started = await startRequest('wendy', 'WEB 4');
    const push = await waitFor(() => pushService.received.find((p) => (JSON.parse(p.payload) as { binding_message?: string }).binding_message === 'WEB 4'), 20_000, 'the push');
    expect(push.vapid.sub).toBe(vapid.subject);
    const prompt = JSON.parse(push.payload) as Record<string, unknown>;
    expect(prompt).toMatchObject({ sub: 'wendy', client_name: 'Kiosk 12', approval_uri: expect.stringContaining(`${system.issuer}/device/approve/`) });

    const decision = await decide(prompt, 'approve');
    expect(decision.status).toBe(200);
    await expectTokensFor('wendy', started.auth_req_id, started.interval!);
  });

  it('signed webhook: the prompt verifies against /jwks (detached JWS over the raw body) before the device decides', async () => {
    await putUser('hank', [{ type: 'webhook', url: webhook.url }]);
    const started = await startRequest('hank', 'HOOK 5');
    const received = await waitFor(() => webhook.received.find((r) => r.raw.toString('utf8').includes('"HOOK 5"')), 20_000, 'the webhook');
    expect(received.refused).toBeUndefined();
    const prompt = received.verified!;
    expect(prompt).toMatchObject({ sub: 'hank', binding_message: 'HOOK 5', decision_uri: `${system.issuer}/device/decisions/${prompt.prompt_id}` });

    // The same bytes with one character changed do not verify: the signature covers the body.
    const tampered = Buffer.from(received.raw.toString('utf8').replace('HOOK 5', 'HOOK 6'));
    const probe = await startSignedWebhookReceiver(`${system.issuer}/jwks`);
    try {
      await fetch(probe.url, { method: 'POST', headers: { 'ciba-signature': received.signature! }, body: tampered });
      expect(probe.received[0]?.refused).toBe('signature verification failed');
    } finally {
      await probe.close();
    }

    expect((await decide(prompt, 'approve')).status).toBe(200);
    await expectTokensFor('hank', started.auth_req_id, started.interval!);
  });

  it('fallback: a webhook answering 500 is passed over for the next channel, email, and the offers show both', async () => {
    await putUser('fay', [
      { type: 'webhook', url: failingWebhook.url },
      { type: 'email', address: 'fay@example.com' },
    ]);
    const started = await startRequest('fay', 'FALL 6');
    const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes('fay@example.com')), 30_000, 'the mail after the webhook failed');
    const failed = failingWebhook.received.find((r) => r.verified?.binding_message === 'FALL 6');
    expect(failed?.verified).toBeDefined();
    // Each offer rotates the decision token: the one the failed webhook offer carried no longer decides.
    expect((await decide(failed!.verified!, 'deny')).status).toBe(401);
    const link = /approve or deny: (\S+)/.exec(mail.parsed.text ?? '')?.[1];
    expect((await answerViaPage(link!, 'approve')).result.status).toBe(200);
    await expectTokensFor('fay', started.auth_req_id, started.interval!);

    const view = await offersOf(started.auth_req_id);
    expect(view.delivery_status).toBe('delivered');
    // Identifiers and outcomes only: no address, URL or token of the user's channels.
    const shown = JSON.stringify(view);
    for (const secret of ['fay@example.com', failingWebhook.url, new URL(link!).searchParams.get('t')!, String(failed!.verified!.decision_token)]) expect(shown).not.toContain(secret);
    expect(view.offers).toEqual([
      expect.objectContaining({ channel_index: 0, channel: 'webhook', status: 'failed', reason: 'rejected', status_code: 500 }),
      expect.objectContaining({ channel_index: 1, channel: 'email', status: 'delivered' }),
    ]);
  });

  it('fallback: an FCM token Google answers 404 UNREGISTERED is gone, the webhook gets the prompt, and the offers show both', async () => {
    const token = `fcm-uninstalled-${Date.now()}`;
    await putUser('gus', [
      { type: 'push', provider: 'fcm', token },
      { type: 'webhook', url: webhook.url },
    ]);
    google.fcmAnswers.push({
      status: 404,
      body: { error: { code: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.', details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }] } },
    });
    const started = await startRequest('gus', 'GONE 7');
    const received = await waitFor(() => webhook.received.find((r) => r.verified?.binding_message === 'GONE 7'), 30_000, 'the webhook after FCM said gone');
    expect(google.sends.some((s) => s.body.message['token'] === token)).toBe(true);
    expect((await decide(received.verified!, 'approve')).status).toBe(200);
    await expectTokensFor('gus', started.auth_req_id, started.interval!);

    const view = await offersOf(started.auth_req_id);
    expect(view.offers).toEqual([
      expect.objectContaining({ channel_index: 0, channel: 'push', status: 'failed', reason: 'gone', status_code: 404 }),
      expect.objectContaining({ channel_index: 1, channel: 'webhook', status: 'delivered', status_code: 200 }),
    ]);

    // The gone entry is recorded as disabled: the next request goes straight to the webhook.
    const sendsBefore = google.sends.length;
    const next = await startRequest('gus', 'GONE 8');
    const second = await waitFor(() => webhook.received.find((r) => r.verified?.binding_message === 'GONE 8'), 30_000, 'the second webhook');
    expect(google.sends.slice(sendsBefore).some((s) => s.body.message['token'] === token)).toBe(false);
    expect((await decide(second.verified!, 'deny')).status).toBe(200);
    await expect(pollUntilDone(next.auth_req_id, next.interval!)).rejects.toMatchObject({ error: 'access_denied' });
    expect((await offersOf(next.auth_req_id)).offers).toEqual([expect.objectContaining({ channel_index: 1, channel: 'webhook', status: 'delivered' })]);
  });
});
