import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import pg from 'pg';
import { decide, insecure } from '../../support/ciba-fixture.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { NOTIFY_TEST_ENV } from '../../support/notify-test-env.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { freePort, startServiceProcess, type ServiceProcess } from '../../support/service-process.ts';

// The notifier run alone (services/notifier/src/main.ts), as in Kubernetes: its three ports cross
// HTTP — directory and token-issuer on the token service, auth-requests on auth-endpoint.
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const id = randomBytes(4).toString('hex');
const database = `ciba_notifier_${id}`;
const adminToken = `admin-${randomBytes(16).toString('hex')}`;

let processes: ServiceProcess[] = [];
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;
let urls: { token: string; auth: string; consent: string; notifier: string };

beforeAll(async () => {
  prompts = await startPromptReceiver();
  endpoint = await startNotificationReceiver();
  const [tokenPort, authPort, consentPort, notifierPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  urls = { token: `http://127.0.0.1:${tokenPort}`, auth: `http://127.0.0.1:${authPort}`, consent: `http://127.0.0.1:${consentPort}`, notifier: `http://127.0.0.1:${notifierPort}` };
  const db = new URL(serverUrl);
  db.pathname = `/${database}`;
  const env = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_NAMESPACE: `notifier-${id}`,
    ADMIN_TOKEN: adminToken,
    INTERNAL_TOKEN: `internal-${randomBytes(16).toString('hex')}`,
    ISSUER: urls.token,
    AUTH_ENDPOINT_PUBLIC_URL: urls.auth,
    CONSENT_PUBLIC_URL: urls.consent,
    TOKEN_SERVICE_URL: urls.token,
    AUTH_ENDPOINT_URL: urls.auth,
    CIBA_DEFAULT_INTERVAL: '1',
    ...NOTIFY_TEST_ENV,
  };
  processes.push(await startServiceProcess('services/token/src/main.ts', { ...env, PORT: String(tokenPort) }, `${urls.token}/healthz`));
  processes.push(
    ...(await Promise.all([
      startServiceProcess('services/auth-endpoint/src/main.ts', { ...env, PORT: String(authPort) }, `${urls.auth}/healthz`),
      startServiceProcess('services/consent-dispatcher/src/main.ts', { ...env, PORT: String(consentPort) }, `${urls.consent}/healthz`),
      // The webhook channel, its own process, delivers the dispatcher's offers.
      freePort().then((port) => startServiceProcess('channels/webhook/src/main.ts', { ...env, CHANNEL_HEALTH_PORT: String(port) }, `http://127.0.0.1:${port}/healthz`)),
      startServiceProcess('services/notifier/src/main.ts', { ...env, PORT: String(notifierPort) }, `${urls.notifier}/healthz`),
    ])),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGTERM')));
  await endpoint?.close();
  await prompts?.close();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
}, 60_000);

const asAdmin = (url: string, method: string, body?: unknown) =>
  fetch(url, { method, headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });

describe('the notifier alone, its ports over HTTP', () => {
  it('push: tokens issued by the token service through /internal/token-issuer reach the client and work', async () => {
    const as = await oauth.processDiscoveryResponse(new URL(urls.token), await oauth.discoveryRequest(new URL(urls.token), insecure));
    const registered = (await (
      await asAdmin(`${urls.token}/register`, 'POST', {
        client_name: 'Branch kiosk',
        grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
        backchannel_token_delivery_mode: 'push',
        backchannel_client_notification_endpoint: `${endpoint.base}/alone-push`,
      })
    ).json()) as { client_id: string; client_secret: string };
    const client = { client_id: registered.client_id };
    const auth = oauth.ClientSecretBasic(registered.client_secret);
    expect((await asAdmin(`${urls.token}/admin/users/carol`, 'PUT', { login_hints: ['carol@example.com'], claims: { name: 'Carol' }, channels: [{ type: 'webhook', url: prompts.url }] })).status).toBe(200);

    const started = await oauth.processBackchannelAuthenticationResponse(
      as,
      client,
      await oauth.backchannelAuthenticationRequest(as, client, auth, { scope: 'openid profile', login_hint: 'carol@example.com', client_notification_token: 'alone-cnt-1' }, insecure),
    );
    expect((await decide((await prompts.next(20_000)).body, 'approve')).status).toBe(200);
    const [push] = await endpoint.waitForCalls('/alone-push', 1, 30_000);
    expect(push!.headers.authorization).toBe('Bearer alone-cnt-1');
    expect(push!.body).toMatchObject({ auth_req_id: started.auth_req_id, token_type: 'Bearer', access_token: expect.any(String), id_token: expect.any(String) });
    const userinfo = await oauth.userInfoRequest(as, client, String(push!.body.access_token), insecure);
    await expect(oauth.processUserInfoResponse(as, client, 'carol', userinfo)).resolves.toMatchObject({ sub: 'carol', name: 'Carol' });
  }, 60_000);

  it('GET /admin/notifications/{id} is served by the notifier, behind the admin token', async () => {
    expect((await fetch(`${urls.notifier}/admin/notifications/00000000-0000-4000-8000-000000000000`)).status).toBe(401);
    expect((await asAdmin(`${urls.notifier}/admin/notifications/00000000-0000-4000-8000-000000000000`, 'GET')).status).toBe(404);
  });

  it('keeps /internal/token-issuer behind the internal token', async () => {
    const res = await fetch(`${urls.token}/internal/token-issuer/issuePushTokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"args":["00000000-0000-4000-8000-000000000000","x"]}' });
    expect(res.status).toBe(401);
  });
});
