import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import * as oauth from 'oauth4webapi';
import { loadTracingConfig, startTracing, type Tracing } from '@ciba/service-kit';
import { waitFor } from '@ciba/test-support';
import { buses } from '../../support/buses.ts';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { NOTIFY_TEST_ENV } from '../../support/notify-test-env.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { leakedSecrets, missingNames, spansOf } from './trace-assertions.ts';

// One auth request is one trace (docs/operations.md#tracing): the client's traceparent on
// POST /bc-authorize starts it, and every hop, over Redis Streams and over Kafka, continues it up to
// the token response (poll) or the ping callback. Spans go to an in-memory exporter through the same
// startTracing the composition roots call.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let endpoint: Awaited<ReturnType<typeof startNotificationReceiver>>;
let as: oauth.AuthorizationServer;

/** A client's own trace context, as a relying party instrumented with OpenTelemetry would send it. */
const clientTrace = () => {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
};

const traceIdOf = (traceparent: unknown) => (typeof traceparent === 'string' ? traceparent.split('-')[1] : undefined);

/** Tokens at the token endpoint, polling while pending (the interval is 1 s in tests). */
async function pollForTokens(c: { client: oauth.Client; clientAuth: oauth.ClientAuth }, authReqId: string) {
  for (let i = 0; ; i++) {
    try {
      const res = await oauth.backchannelAuthenticationGrantRequest(as, c.client, c.clientAuth, authReqId, insecure);
      return await oauth.processBackchannelAuthenticationGrantResponse(as, c.client, res);
    } catch (err) {
      if ((err as { error?: string }).error !== 'authorization_pending' || i > 20) throw err;
      await sleep(1100);
    }
  }
}

/** Spans of the hops every flow goes through, from bc-authorize to the decision's consumers. */
const SHARED_HOPS = [
  'POST /bc-authorize',
  'ciba.auth-requests publish',
  'ciba.auth-requests process',
  'ciba.consent.offer',
  'ciba.channel-offers.webhook publish',
  'ciba.channel-offers.webhook process',
  'POST device-webhook',
  'ciba.channel-outcomes process',
  'ciba.consent.decide',
  'ciba.consent-decisions publish',
  'ciba.consent-decisions process',
];

beforeAll(() => {
  tracing = startTracing(loadTracingConfig({}, 'ciba'), { exporter });
});

afterAll(async () => {
  await tracing?.shutdown();
});

describe.each(buses('tracing'))('one auth request is one trace, over $name', (bus) => {
  beforeAll(async () => {
    system = await startTestSystem({ ...NOTIFY_TEST_ENV, ...bus.env });
    prompts = await startPromptReceiver();
    endpoint = await startNotificationReceiver();
    const user = await adminCall(system, 'PUT', '/admin/users/alice', {
      login_hints: ['alice@example.com'],
      claims: { name: 'Alice', email: 'alice@example.com' },
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

  it('poll: bc-authorize, every consumer hop on both topics, the device webhook, the decision and the redemption share the client\'s trace id; no span holds a secret', async () => {
    const c = await registerClient(system, { client_name: 'trace-poll', backchannel_token_delivery_mode: 'poll' });
    const caller = clientTrace();
    const bindingMessage = `T${randomBytes(3).toString('hex')}`;
    const response = await oauth.backchannelAuthenticationRequest(as, c.client, c.clientAuth, { scope: 'openid profile', login_hint: 'alice@example.com', binding_message: bindingMessage }, { ...insecure, headers: { traceparent: caller.traceparent } });
    const started = await oauth.processBackchannelAuthenticationResponse(as, c.client, response);

    const prompt = await prompts.next();
    expect(traceIdOf(prompt.headers.traceparent)).toBe(caller.traceId);
    // The device answers without any trace context of its own.
    expect((await decide(prompt.body, 'approve')).status).toBe(200);
    const tokens = await pollForTokens(c, started.auth_req_id);

    const expected = [...SHARED_HOPS, 'ciba.token.redeem', 'ciba.tokens publish'];
    await waitFor(() => missingNames(exporter.getFinishedSpans(), caller.traceId, expected).length === 0, 15_000, 'every hop of the poll flow in the trace').catch(() => {
      throw new Error(`missing spans: ${missingNames(exporter.getFinishedSpans(), caller.traceId, expected).join(', ')}`);
    });
    const trace = spansOf(exporter.getFinishedSpans(), caller.traceId);
    const server = trace.find((s) => s.name === 'POST /bc-authorize')!;
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.parentSpanContext?.spanId).toBe(caller.spanId);
    expect(server.attributes).toMatchObject({ 'http.route': '/bc-authorize', 'http.response.status_code': 200 });
    // Both consumers of the created event, each a child of the relay's publish span.
    const groups = trace.filter((s) => s.name === 'ciba.auth-requests process').map((s) => s.attributes['messaging.consumer.group.name']);
    expect(groups).toEqual(expect.arrayContaining(['token.ciba-grants', 'consent-dispatcher.prompts']));
    const publish = trace.find((s) => s.name === 'ciba.auth-requests publish')!;
    expect(trace.filter((s) => s.name === 'ciba.auth-requests process').every((s) => s.parentSpanContext?.spanId === publish.spanContext().spanId)).toBe(true);
    // The decision arrived as a request of the device's own: its span is in another trace, linked from the decision.
    const decideSpan = trace.find((s) => s.name === 'ciba.consent.decide')!;
    const deviceRequest = exporter.getFinishedSpans().find((s) => s.name === 'POST /device/decisions/:prompt_id' && s.spanContext().spanId === decideSpan.links[0]?.context.spanId);
    expect(deviceRequest).toBeDefined();
    expect(deviceRequest!.spanContext().traceId).not.toBe(caller.traceId);
    expect(decideSpan.attributes).toMatchObject({ 'ciba.decision': 'approve', 'ciba.client_id': c.client.client_id });
    expect(trace.find((s) => s.name === 'ciba.token.redeem')!.attributes).toMatchObject({ 'ciba.client_id': c.client.client_id });

    const secrets = [started.auth_req_id, tokens.access_token, tokens.refresh_token ?? '', tokens.id_token ?? '', String(prompt.body.decision_token), 'alice', bindingMessage];
    expect(leakedSecrets(exporter.getFinishedSpans(), secrets)).toEqual([]);
  }, 60_000);

  it('ping: the callback carries the trace (traceparent to the client) and its attempt, the decision\'s consumers and the redemption share the client\'s trace id; no span holds a secret', async () => {
    const c = await registerClient(system, { client_name: 'trace-ping', backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: `${endpoint.base}/trace-ping` });
    const caller = clientTrace();
    const notificationToken = `cnt-${randomBytes(12).toString('base64url')}`;
    const response = await oauth.backchannelAuthenticationRequest(
      as,
      c.client,
      c.clientAuth,
      { scope: 'openid profile', login_hint: 'alice@example.com', client_notification_token: notificationToken },
      { ...insecure, headers: { traceparent: caller.traceparent } },
    );
    const started = await oauth.processBackchannelAuthenticationResponse(as, c.client, response);
    const prompt = await prompts.next();
    expect((await decide(prompt.body, 'approve')).status).toBe(200);

    const [ping] = await endpoint.waitForCalls('/trace-ping');
    expect(traceIdOf(ping!.headers.traceparent)).toBe(caller.traceId);
    const tokens = await pollForTokens(c, started.auth_req_id);

    const expected = [...SHARED_HOPS, 'ciba.notify', 'POST client-notification', 'ciba.client-notifications publish', 'ciba.token.redeem'];
    await waitFor(() => missingNames(exporter.getFinishedSpans(), caller.traceId, expected).length === 0, 15_000, 'every hop of the ping flow in the trace').catch(() => {
      throw new Error(`missing spans: ${missingNames(exporter.getFinishedSpans(), caller.traceId, expected).join(', ')}`);
    });
    const trace = spansOf(exporter.getFinishedSpans(), caller.traceId);
    const callback = trace.find((s) => s.name === 'POST client-notification')!;
    expect(callback.kind).toBe(SpanKind.CLIENT);
    expect(callback.attributes).toEqual({ 'http.request.method': 'POST', 'http.response.status_code': 200 });
    expect(`00-${caller.traceId}-${callback.spanContext().spanId}-01`).toBe(ping!.headers.traceparent);
    const groups = trace.filter((s) => s.name === 'ciba.consent-decisions process').map((s) => s.attributes['messaging.consumer.group.name']);
    expect(groups).toEqual(expect.arrayContaining(['token.ciba-grants', 'notifier.client-notifications']));

    const secrets = [started.auth_req_id, notificationToken, tokens.access_token, tokens.refresh_token ?? '', tokens.id_token ?? '', String(prompt.body.decision_token), 'alice'];
    expect(leakedSecrets(exporter.getFinishedSpans(), secrets)).toEqual([]);
  }, 60_000);

  it('expiry: the sweep\'s expired event and the ping it causes continue the trace of the request nobody decided', async () => {
    const c = await registerClient(system, { client_name: 'trace-expire', backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: `${endpoint.base}/trace-expire` });
    const caller = clientTrace();
    const notificationToken = `cnt-${randomBytes(12).toString('base64url')}`;
    const response = await oauth.backchannelAuthenticationRequest(
      as,
      c.client,
      c.clientAuth,
      { scope: 'openid', login_hint: 'alice@example.com', client_notification_token: notificationToken, requested_expiry: '2' },
      { ...insecure, headers: { traceparent: caller.traceparent } },
    );
    await oauth.processBackchannelAuthenticationResponse(as, c.client, response);
    await prompts.next();
    const [ping] = await endpoint.waitForCalls('/trace-expire', 1, 15_000);
    expect(traceIdOf(ping!.headers.traceparent)).toBe(caller.traceId);
    const expected = ['POST /bc-authorize', 'ciba.consent-decisions publish', 'ciba.consent-decisions process', 'ciba.notify', 'POST client-notification'];
    await waitFor(() => missingNames(exporter.getFinishedSpans(), caller.traceId, expected).length === 0, 15_000, 'the expiry hops in the trace').catch(() => {
      throw new Error(`missing spans: ${missingNames(exporter.getFinishedSpans(), caller.traceId, expected).join(', ')}`);
    });
    expect(spansOf(exporter.getFinishedSpans(), caller.traceId).find((s) => s.name === 'ciba.consent-decisions publish')!.attributes['ciba.event.type']).toBe('ciba.consent.expired.v1');
    expect(leakedSecrets(exporter.getFinishedSpans(), [notificationToken, 'alice'])).toEqual([]);
  }, 60_000);
});
