import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import pg from 'pg';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { waitFor } from '@ciba/test-support';
import { scrapeMetrics } from '../../support/scrape-metrics.ts';
import { freePort, startServiceProcess, type ServiceProcess } from '../../support/service-process.ts';

// Each service's own composition root (src/main.ts) in its own process, as in Kubernetes: the ports
// (directory, auth-requests) cross HTTP at /internal/*, and discovery points at each service's URL.
const insecure = { [oauth.allowInsecureRequests]: true } as const;
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const id = randomBytes(4).toString('hex');
const database = `ciba_split_${id}`;
const adminToken = `admin-${randomBytes(16).toString('hex')}`;

let processes: ServiceProcess[] = [];
let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
let urls: { token: string; auth: string; consent: string };
/** Each process' `/metrics` (its own METRICS_PORT). */
const metrics: Record<'token' | 'auth' | 'consent' | 'webhook', string> = { token: '', auth: '', consent: '', webhook: '' };

beforeAll(async () => {
  receiver = await startPromptReceiver();
  const [tokenPort, authPort, consentPort] = [await freePort(), await freePort(), await freePort()];
  urls = { token: `http://127.0.0.1:${tokenPort}`, auth: `http://127.0.0.1:${authPort}`, consent: `http://127.0.0.1:${consentPort}` };
  const db = new URL(serverUrl);
  db.pathname = `/${database}`;
  const env = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_NAMESPACE: `split-${id}`,
    ADMIN_TOKEN: adminToken,
    INTERNAL_TOKEN: `internal-${randomBytes(16).toString('hex')}`,
    ISSUER: urls.token,
    AUTH_ENDPOINT_PUBLIC_URL: urls.auth,
    CONSENT_PUBLIC_URL: urls.consent,
    TOKEN_SERVICE_URL: urls.token,
    AUTH_ENDPOINT_URL: urls.auth,
    CIBA_DEFAULT_INTERVAL: '1',
  };
  const metricsPort = async (name: keyof typeof metrics) => {
    const port = await freePort();
    metrics[name] = `http://127.0.0.1:${port}/metrics`;
    return String(port);
  };
  // The token service first: it owns the directory the others call.
  processes.push(await startServiceProcess('services/token/src/main.ts', { ...env, PORT: String(tokenPort), METRICS_PORT: await metricsPort('token') }, `${urls.token}/healthz`));
  processes.push(
    ...(await Promise.all([
      startServiceProcess('services/auth-endpoint/src/main.ts', { ...env, PORT: String(authPort), METRICS_PORT: await metricsPort('auth') }, `${urls.auth}/healthz`),
      startServiceProcess('services/consent-dispatcher/src/main.ts', { ...env, PORT: String(consentPort), METRICS_PORT: await metricsPort('consent') }, `${urls.consent}/healthz`),
      // The webhook channel, its own process, delivers the dispatcher's offers.
      Promise.all([freePort(), metricsPort('webhook')]).then(([port, metricsAt]) =>
        startServiceProcess('channels/webhook/src/main.ts', { ...env, CHANNEL_HEALTH_PORT: String(port), METRICS_PORT: metricsAt }, `http://127.0.0.1:${port}/healthz`),
      ),
    ])),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGTERM')));
  await receiver?.close();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
}, 60_000);

describe('split deployment: each service alone, ports over HTTP', () => {
  it('runs a poll flow across the three processes', async () => {
    const as = await oauth.processDiscoveryResponse(new URL(urls.token), await oauth.discoveryRequest(new URL(urls.token), insecure));
    expect(as.backchannel_authentication_endpoint).toBe(`${urls.auth}/bc-authorize`);
    expect(as.token_endpoint).toBe(`${urls.token}/token`);

    const registered = await fetch(`${urls.token}/register`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Call centre', backchannel_token_delivery_mode: 'poll', token_endpoint_auth_method: 'client_secret_post' }),
    }).then((r) => r.json() as Promise<{ client_id: string; client_secret: string }>);
    const client = { client_id: registered.client_id };
    const auth = oauth.ClientSecretPost(registered.client_secret);
    const user = await fetch(`${urls.token}/admin/users/bob`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ login_hints: ['bob@example.com'], user_code: '9876', claims: { name: 'Bob' }, channels: [{ type: 'webhook', url: receiver.url }] }),
    });
    expect(user.status).toBe(200);

    // invalid_client raised by the token service crosses the port with its status.
    const wrong = await oauth.backchannelAuthenticationRequest(as, client, oauth.ClientSecretPost('wrong'), { scope: 'openid', login_hint: 'bob@example.com' }, insecure);
    expect(wrong.status).toBe(401);
    await expect(wrong.json()).resolves.toMatchObject({ error: 'invalid_client' });

    const started = await oauth.processBackchannelAuthenticationResponse(
      as,
      client,
      await oauth.backchannelAuthenticationRequest(as, client, auth, { scope: 'openid profile', login_hint: 'bob@example.com', binding_message: 'SPLIT' }, insecure),
    );
    const prompt = (await receiver.next(20_000)).body;
    expect(prompt).toMatchObject({ sub: 'bob', client_name: 'Call centre', binding_message: 'SPLIT' });
    expect(prompt.decision_uri).toBe(`${urls.consent}/device/decisions/${prompt.prompt_id}`);
    const decided = await fetch(prompt.decision_uri as string, {
      method: 'POST',
      headers: { authorization: `Bearer ${prompt.decision_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(decided.status).toBe(200);

    for (let i = 0; ; i++) {
      await new Promise((r) => setTimeout(r, 1100));
      const response = await oauth.backchannelAuthenticationGrantRequest(as, client, auth, started.auth_req_id, insecure);
      try {
        const tokens = await oauth.processBackchannelAuthenticationGrantResponse(as, client, response);
        expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ sub: 'bob', iss: urls.token });
        break;
      } catch (err) {
        if (!(err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending') || i > 20) throw err;
      }
    }
  }, 90_000);

  it('each process serves its own /metrics on its METRICS_PORT: what it did in the flow, its outbox, its consumers, its event loop', async () => {
    // The dispatcher applies the channel's `delivered` outcome from the bus, perhaps after the device answered.
    const consent = await waitFor(async () => ((s) => (s.sum('ciba_flow_stage_seconds_count', { stage: 'prompt_delivered' }) >= 1 ? s : undefined))(await scrapeMetrics(metrics.consent)), 10_000, 'prompt_delivered');
    const [token, auth, webhook] = await Promise.all([metrics.token, metrics.auth, metrics.webhook].map(scrapeMetrics));
    expect(auth!.sum('ciba_flow_outcomes_total', { outcome: 'requested' })).toBe(1);
    expect(auth!.sum('ciba_http_requests_total', { service: 'auth-endpoint', route: '/bc-authorize', status: '401', error: 'invalid_client' })).toBe(1);
    // The directory port the others ask crosses HTTP: counted by its template, never the method name's raw path alone.
    expect(token!.sum('ciba_http_requests_total', { service: 'token', route: '/internal/directory/:method', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(token!.sum('ciba_flow_outcomes_total', { outcome: 'redeemed' })).toBe(1);
    expect(token!.sum('ciba_flow_stage_seconds_count', { stage: 'token_issued' })).toBe(1);
    expect(consent.sum('ciba_flow_outcomes_total', { outcome: 'approved' })).toBe(1);
    expect(consent.sum('ciba_flow_stage_seconds_count', { stage: 'decided' })).toBe(1);
    expect(consent.sum('ciba_flow_stage_seconds_count', { stage: 'prompt_delivered' })).toBe(1);
    expect(webhook!.sum('ciba_channel_deliveries_total', { channel: 'webhook', result: 'delivered' })).toBe(1);
    for (const [service, scrape] of [['token', token], ['auth-endpoint', auth], ['consent-dispatcher', consent]] as const) {
      expect(scrape!.find('ciba_outbox_backlog', { service })).toHaveLength(1);
      expect(scrape!.find('ciba_outbox_backlog')).toHaveLength(1);
      expect(scrape!.find('process_resident_memory_bytes', { service })).toHaveLength(1);
    }
    expect(consent.find('ciba_consumer_lag', { group: 'consent-dispatcher.prompts', topic: 'ciba.auth-requests' })).toHaveLength(1);
    expect(token!.find('ciba_consumer_lag', { group: 'token.ciba-grants', topic: 'ciba.consent-decisions' })).toHaveLength(1);
    expect(webhook!.find('ciba_consumer_lag', { group: 'channel.webhook', topic: 'ciba.channel-offers.webhook' })).toHaveLength(1);
    expect(webhook!.find('process_resident_memory_bytes', { service: 'channel-webhook' })).toHaveLength(1);
    for (const scrape of [token, auth, consent, webhook]) expect(scrape!.sum('ciba_metrics_collect_errors_total')).toBe(0);
    // Not on the public ports.
    expect((await fetch(`${urls.token}/metrics`)).status).toBe(404);
  });

  it('keeps /internal behind the internal token', async () => {
    const res = await fetch(`${urls.token}/internal/directory/getUser`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"args":["bob"]}' });
    expect(res.status).toBe(401);
  });
});
