import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { waitFor } from '@ciba/test-support';
import { adminCall, CIBA_GRANT, decide, discover, insecure } from '../../support/ciba-fixture.ts';
import { buses } from '../../support/buses.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { NOTIFY_TEST_ENV } from '../../support/notify-test-env.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { scrapeMetrics, type Scrape } from '../../support/scrape-metrics.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';

// GET /metrics of the all-in-one process (its own listener, METRICS_PORT=0 in tests) after real poll
// and ping flows: the counters and histograms moved, every scrape-time collector answered, and no
// label (nor anything else in the exposition) carries a secret, a token, a hint or a sub.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;
let as: oauth.AuthorizationServer;
/** Every secret and personal value the flows used: none may reach /metrics. */
const secrets: string[] = [];
const sub = `metrics-user-${randomBytes(6).toString('hex')}`;
const hint = `${sub}@example.com`;

async function register(name: string, mode: 'poll' | 'ping') {
  const res = await adminCall(system, 'POST', '/register', {
    client_name: name,
    grant_types: [CIBA_GRANT],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid profile',
    backchannel_token_delivery_mode: mode,
    ...(mode === 'ping' ? { backchannel_client_notification_endpoint: `${endpoint.base}/${name}` } : {}),
  });
  expect(res.status).toBe(201);
  const registered = (await res.json()) as { client_id: string; client_secret: string };
  secrets.push(registered.client_secret);
  return { client: { client_id: registered.client_id } as oauth.Client, clientAuth: oauth.ClientSecretBasic(registered.client_secret), path: `/${name}` };
}

type Client = Awaited<ReturnType<typeof register>>;

async function startRequest(c: Client, extra: Record<string, string> = {}) {
  const response = await oauth.backchannelAuthenticationRequest(as, c.client, c.clientAuth, { scope: 'openid profile', login_hint: hint, ...extra }, insecure);
  const started = await oauth.processBackchannelAuthenticationResponse(as, c.client, response);
  secrets.push(started.auth_req_id);
  return started;
}

async function tokenRequest(c: Client, authReqId: string) {
  const tokens = await oauth.processBackchannelAuthenticationGrantResponse(as, c.client, await oauth.backchannelAuthenticationGrantRequest(as, c.client, c.clientAuth, authReqId, insecure));
  secrets.push(tokens.access_token, ...(tokens.id_token ? [tokens.id_token] : []), ...(tokens.refresh_token ? [tokens.refresh_token] : []));
  return tokens;
}

async function nextPrompt() {
  const prompt = (await prompts.next()).body;
  secrets.push(prompt.decision_token as string);
  return prompt;
}

const scrape = () => scrapeMetrics(system.metricsUrl!);

/** How much each series moved between two scrapes. */
const moved = (before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}) => after.sum(name, labels) - before.sum(name, labels);

/** Scrapes until `probe` holds (counters some consumer moves after the client already got its answer). */
const scrapeUntil = (probe: (s: Scrape) => boolean, what: string) => waitFor(async () => ((s) => (probe(s) ? s : undefined))(await scrape()), 10_000, what);

describe.each(buses('metrics'))('GET /metrics of the all-in-one over $name', (bus) => {
  beforeAll(async () => {
    system = await startTestSystem({ ...NOTIFY_TEST_ENV, ...bus.env });
    prompts = await startPromptReceiver();
    endpoint = await startNotificationReceiver();
    const user = await adminCall(system, 'PUT', `/admin/users/${sub}`, {
      login_hints: [hint],
      claims: { name: 'Metrics User' },
      channels: [{ type: 'webhook', url: prompts.url }],
    });
    expect(user.status).toBe(200);
    as = await discover(system);
  }, 60_000);

  afterAll(async () => {
    await endpoint?.close();
    await prompts?.close();
    await system?.dispose();
  });

  it('is served on its own listener, not on the public port', async () => {
    expect(system.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(system.metricsUrl!).port).not.toBe(new URL(system.url).port);
    expect((await fetch(`${system.url}/metrics`)).status).toBe(404);
    expect((await fetch(system.metricsUrl!.replace(/\/metrics$/, '/other'))).status).toBe(404);
    // prom-client measures the event-loop lag on a setImmediate a scrape schedules: present from the next scrape on.
    const s = await scrapeUntil((x) => x.find('nodejs_eventloop_lag_seconds').length > 0, 'nodejs_eventloop_lag_seconds');
    expect(s.find('nodejs_eventloop_lag_seconds', { service: 'all-in-one' })).toHaveLength(1);
    expect(s.find('process_resident_memory_bytes', { service: 'all-in-one' })).toHaveLength(1);
  });

  it('poll flow: requested, approved, redeemed, the three stages, HTTP by route template and OAuth error, the channel delivery', async () => {
    const c = await register('metrics-poll', 'poll');
    const before = await scrape();
    const started = await startRequest(c);
    await expect(tokenRequest(c, started.auth_req_id)).rejects.toMatchObject({ error: 'authorization_pending' });
    const prompt = await nextPrompt();
    expect((await decide(prompt, 'approve')).status).toBe(200);
    await sleep(started.interval! * 1000 + 50);
    const tokens = await tokenRequest(c, started.auth_req_id);
    expect(tokens.token_type).toBe('bearer');
    // The dispatcher applies the channel's `delivered` outcome from the bus, perhaps after the device answered.
    const after = await scrapeUntil((s) => moved(before, s, 'ciba_flow_stage_seconds_count', { stage: 'prompt_delivered' }) >= 1, 'prompt_delivered');

    for (const outcome of ['requested', 'approved', 'redeemed']) expect(moved(before, after, 'ciba_flow_outcomes_total', { outcome })).toBe(1);
    for (const stage of ['prompt_delivered', 'decided', 'token_issued']) expect(moved(before, after, 'ciba_flow_stage_seconds_count', { stage })).toBe(1);
    expect(moved(before, after, 'ciba_flow_stage_seconds_bucket', { stage: 'token_issued', le: '+Inf' })).toBe(1);
    expect(after.sum('ciba_flow_stage_seconds_sum', { stage: 'token_issued' })).toBeGreaterThan(before.sum('ciba_flow_stage_seconds_sum', { stage: 'token_issued' }));

    const http = { service: 'all-in-one' };
    expect(moved(before, after, 'ciba_http_requests_total', { ...http, route: '/bc-authorize', method: 'POST', status: '200', error: '' })).toBe(1);
    expect(moved(before, after, 'ciba_http_requests_total', { ...http, route: '/token', method: 'POST', status: '400', error: 'authorization_pending' })).toBe(1);
    expect(moved(before, after, 'ciba_http_requests_total', { ...http, route: '/token', method: 'POST', status: '200', error: '' })).toBe(1);
    expect(moved(before, after, 'ciba_http_requests_total', { ...http, route: '/device/decisions/:prompt_id', method: 'POST', status: '200', error: '' })).toBe(1);
    expect(moved(before, after, 'ciba_http_request_duration_seconds_count', { ...http, route: '/token', method: 'POST' })).toBe(2);
    expect(moved(before, after, 'ciba_channel_deliveries_total', { channel: 'webhook', result: 'delivered' })).toBe(1);
  }, 30_000);

  it('deny: denied, and a wrong client secret counts as invalid_client on /token', async () => {
    const c = await register('metrics-deny', 'poll');
    const before = await scrape();
    const started = await startRequest(c);
    expect((await decide(await nextPrompt(), 'deny')).status).toBe(200);
    const stranger = { ...c, clientAuth: oauth.ClientSecretBasic('not-the-secret') };
    const refused = await oauth.backchannelAuthenticationGrantRequest(as, stranger.client, stranger.clientAuth, started.auth_req_id, insecure);
    expect(refused.status).toBe(401);
    await expect(refused.json()).resolves.toMatchObject({ error: 'invalid_client' });
    const after = await scrape();
    expect(moved(before, after, 'ciba_flow_outcomes_total', { outcome: 'denied' })).toBe(1);
    expect(moved(before, after, 'ciba_flow_stage_seconds_count', { stage: 'decided' })).toBe(1);
    expect(moved(before, after, 'ciba_http_requests_total', { route: '/token', status: '401', error: 'invalid_client' })).toBe(1);
  }, 30_000);

  it('ping flow: the notification delivered (flow outcome and delivery by mode), then redeemed', async () => {
    const c = await register('metrics-ping', 'ping');
    const before = await scrape();
    const token = `cnt-${randomBytes(12).toString('base64url')}`;
    secrets.push(token);
    const started = await startRequest(c, { client_notification_token: token });
    expect((await decide(await nextPrompt(), 'approve')).status).toBe(200);
    await endpoint.waitForCalls(c.path);
    const tokens = await tokenRequest(c, started.auth_req_id);
    expect(tokens.token_type).toBe('bearer');
    const after = await scrapeUntil((s) => moved(before, s, 'ciba_flow_outcomes_total', { outcome: 'notification_delivered' }) >= 1, 'notification_delivered');
    expect(moved(before, after, 'ciba_flow_outcomes_total', { outcome: 'notification_delivered' })).toBe(1);
    expect(moved(before, after, 'ciba_notification_deliveries_total', { mode: 'ping', result: 'delivered' })).toBe(1);
    expect(moved(before, after, 'ciba_flow_outcomes_total', { outcome: 'redeemed' })).toBe(1);
    expect(moved(before, after, 'ciba_flow_outcomes_total', { outcome: 'notification_failed' })).toBe(0);
  }, 30_000);

  it('reads every outbox, every consumer group and the notification queue at scrape time, without errors', async () => {
    const s = await scrape();
    for (const service of ['auth-endpoint', 'token', 'consent-dispatcher', 'notifier']) {
      const [backlog] = s.find('ciba_outbox_backlog', { service });
      const [age] = s.find('ciba_outbox_oldest_age_seconds', { service });
      expect(backlog?.value).toBeGreaterThanOrEqual(0);
      expect(age?.value).toBeGreaterThanOrEqual(0);
    }
    const lag = s.find('ciba_consumer_lag');
    const pairs = lag.map((l) => `${l.labels.group} ${l.labels.topic}`);
    // token's projection of the decisions, the dispatcher's requests and channel outcomes, the notifier, the webhook channel
    expect(pairs).toEqual(expect.arrayContaining([expect.stringMatching(/ ciba\.consent-decisions$/), expect.stringMatching(/ ciba\.auth-requests$/), expect.stringMatching(/ ciba\.channel-outcomes$/), expect.stringMatching(/ ciba\.channel-offers\.webhook$/)]));
    for (const l of lag) expect(l.value).toBeGreaterThanOrEqual(0);
    for (const state of ['waiting', 'active', 'delayed', 'completed', 'failed']) expect(s.find('ciba_queue_jobs', { queue: 'client-notification-delivery', state })).toHaveLength(1);
    // (the queue carries retries only: a ping delivered at its first attempt leaves no completed job to count)
    expect(s.sum('ciba_metrics_collect_errors_total')).toBe(0);
  });

  it('no label, nor anything else served, holds a client secret, a token, a hint, a sub or an auth_req_id', async () => {
    const s = await scrape();
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const secret of [...secrets, hint, sub]) expect(s.text).not.toContain(secret);
    const routes = new Set(s.find('ciba_http_requests_total').map((x) => x.labels.route));
    for (const route of routes) expect(route === 'unmatched' || route!.startsWith('/')).toBe(true);
    // route templates, never raw paths with ids
    expect([...routes].some((r) => r!.includes('/device/decisions/') && !r!.endsWith(':prompt_id'))).toBe(false);
    expect([...routes].some((r) => r!.startsWith('/admin/users/') && r !== '/admin/users/:sub')).toBe(false);
  });
});
