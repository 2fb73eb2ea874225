import { createFcmSender, type FcmSenderOptions } from '../../../src/fcm/create-fcm-sender.ts';
import { serviceAccountFixture } from '../../support/service-account-fixture.ts';
import { startGoogle, type GoogleStandIn } from '../../support/google-stand-in.ts';
import { pushDelivery } from '../../support/push-delivery.ts';

const REGISTRATION_TOKEN = 'fcm-registration-token:APA91bH-example';
const delivery = pushDelivery({ type: 'push', provider: 'fcm', token: REGISTRATION_TOKEN });
const signal = () => new AbortController().signal;

describe('createFcmSender (FCM HTTP v1 against a loopback Google)', () => {
  let google: GoogleStandIn;
  let clock: number;
  const warnings: object[] = [];

  const sender = (overrides: Partial<FcmSenderOptions> = {}) =>
    createFcmSender({
      account: google.serviceAccount.account,
      baseUrl: google.url,
      timeoutMs: 5000,
      production: false,
      now: () => clock,
      logger: { warn: (obj) => void warnings.push(obj) },
      ...overrides,
    });

  beforeEach(async () => {
    google = await startGoogle();
    clock = Date.now();
    warnings.length = 0;
  });
  afterEach(() => google.close());

  it('sends a high-priority data message with the prompt, authorized by a JWT-bearer grant of the service account', async () => {
    await expect(sender()(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: true, statusCode: 200 });

    const [grant] = google.tokenRequests;
    const { account } = google.serviceAccount;
    expect(grant!.refused).toBeUndefined();
    expect(grant!.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: account.private_key_id });
    expect(grant!.claims).toEqual({
      iss: account.client_email,
      aud: google.tokenUri,
      scope: 'https://www.googleapis.com/auth/firebase.messaging',
      iat: Math.floor(clock / 1000),
      exp: Math.floor(clock / 1000) + 3600,
    });
    const { prompt, approval_uri } = delivery;
    expect(google.sends).toEqual([
      {
        path: `/v1/projects/${account.project_id}/messages:send`,
        accessToken: expect.stringMatching(/^ya29\./),
        body: {
          message: {
            token: REGISTRATION_TOKEN,
            data: {
              prompt_id: prompt.prompt_id,
              decision_uri: prompt.decision_uri,
              decision_token: prompt.decision_token,
              client_name: prompt.client_name,
              binding_message: prompt.binding_message,
              scope: prompt.scope,
              expires_at: prompt.expires_at,
              approval_uri,
            },
            android: { priority: 'high' },
            apns: { headers: { 'apns-priority': '10' } },
          },
        },
      },
    ]);
  });

  it('an assertion not signed by the service account key is refused by the token endpoint: rejected, and the operator is warned', async () => {
    const impostor = serviceAccountFixture(google.tokenUri, google.serviceAccount.account.project_id);
    const result = await sender({ account: { ...impostor.account, client_email: google.serviceAccount.account.client_email } })(REGISTRATION_TOKEN, delivery, signal());
    expect(result).toEqual({ delivered: false, reason: 'rejected' });
    expect(google.tokenRequests).toEqual([{ refused: expect.stringContaining('signature') }]);
    expect(google.sends).toEqual([]);
    expect(warnings).toEqual([{ channel: 'push', provider: 'fcm', token_endpoint_status: 400 }]);
  });

  it('caches the access token: two sends, one token request, the same bearer', async () => {
    const send = sender();
    await send(REGISTRATION_TOKEN, delivery, signal());
    await send(REGISTRATION_TOKEN, delivery, signal());
    expect(google.tokenRequests).toHaveLength(1);
    expect(google.sends).toHaveLength(2);
    expect(google.sends[1]!.accessToken).toBe(google.sends[0]!.accessToken);
  });

  it('concurrent sends share one in-flight token request', async () => {
    const send = sender();
    const results = await Promise.all(Array.from({ length: 5 }, () => send(REGISTRATION_TOKEN, delivery, signal())));
    expect(results.every((r) => r.delivered)).toBe(true);
    expect(google.tokenRequests).toHaveLength(1);
    expect(new Set(google.sends.map((s) => s.accessToken)).size).toBe(1);
  });

  it('refreshes the access token a minute before it expires', async () => {
    const send = sender();
    await send(REGISTRATION_TOKEN, delivery, signal());
    clock += (3600 - 61) * 1000;
    await send(REGISTRATION_TOKEN, delivery, signal());
    expect(google.tokenRequests).toHaveLength(1);
    clock += 2000;
    await send(REGISTRATION_TOKEN, delivery, signal());
    expect(google.tokenRequests).toHaveLength(2);
    expect(google.sends[2]!.accessToken).not.toBe(google.sends[1]!.accessToken);
  });

  it('a 401 from FCM drops the cached token and sends once more with a fresh one', async () => {
    const send = sender();
    await send(REGISTRATION_TOKEN, delivery, signal());
    google.revoke(google.sends[0]!.accessToken);
    await expect(send(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: true, statusCode: 200 });
    expect(google.unauthorized).toBe(1);
    expect(google.tokenRequests).toHaveLength(2);
    expect(google.sends).toHaveLength(2);
  });

  it('a second 401 is the answer: rejected 401, no third attempt', async () => {
    google.fcmAnswers.push({ status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } }, { status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } });
    await expect(sender()(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'rejected', statusCode: 401 });
    expect(google.sends).toHaveLength(2);
    expect(google.tokenRequests).toHaveLength(2);
  });

  it('404 UNREGISTERED (the app is gone) fails gone', async () => {
    google.fcmAnswers.push({
      status: 404,
      body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND', details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }] } },
    });
    await expect(sender()(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'gone', statusCode: 404 });
  });

  it('an UNREGISTERED error code under another status fails gone too; 410 fails gone', async () => {
    const send = sender();
    google.fcmAnswers.push({ status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }] } } }, { status: 410 });
    await expect(send(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'gone', statusCode: 400 });
    await expect(send(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'gone', statusCode: 410 });
  });

  it.each([
    [429, 'QUOTA_EXCEEDED'],
    [503, 'UNAVAILABLE'],
    [400, 'INVALID_ARGUMENT'],
  ])('%i %s fails rejected with the status', async (status, errorCode) => {
    google.fcmAnswers.push({ status, body: { error: { code: status, details: [{ errorCode }] } } });
    await expect(sender()(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'rejected', statusCode: status });
  });

  it('a redirect is not followed: redirected', async () => {
    google.fcmAnswers.push({ status: 307, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    await expect(sender()(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'redirected', statusCode: 307 });
  });

  it('a failed token request is not cached: the next send asks again', async () => {
    const send = sender();
    google.tokenAnswers.push({ status: 503, body: { error: 'backend_error' } });
    await expect(send(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'rejected' });
    await expect(send(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: true, statusCode: 200 });
    expect(google.tokenRequests).toHaveLength(2);
  });

  it('FCM not answering within the timeout fails timeout', async () => {
    google.fcmAnswers.push('hang');
    await expect(sender({ timeoutMs: 300 })(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'timeout' });
  });

  it('the offer deadline (the signal) aborting the send fails timeout', async () => {
    google.fcmAnswers.push('hang');
    await expect(sender()(REGISTRATION_TOKEN, delivery, AbortSignal.timeout(300))).resolves.toEqual({ delivered: false, reason: 'timeout' });
  });

  it('an FCM base URL where nothing listens fails network_error', async () => {
    const closed = await startGoogle();
    await closed.close();
    await expect(sender({ baseUrl: closed.url })(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'network_error' });
  });

  it('production: an http token endpoint is refused before any connection (url_refused)', async () => {
    await expect(sender({ production: true })(REGISTRATION_TOKEN, delivery, signal())).resolves.toEqual({ delivered: false, reason: 'url_refused' });
    expect(google.tokenRequests).toEqual([]);
  });
});
