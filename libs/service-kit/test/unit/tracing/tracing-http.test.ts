import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { InvalidGrant } from '@ciba/contracts/oauth-errors';
import { createApp, createLogger, finishApp, hotRoutes, loadTracingConfig, outboundCall, postJson, startTracing, traceCarrier, withinStoredTrace, type Tracing } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const STORED_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const STORED_SPAN = '00f067aa0ba902b7';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let server: LoopbackServer;
let receiver: { url: string; headers: IncomingHttpHeaders[]; close(): Promise<void> };

beforeAll(async () => {
  tracing = startTracing(loadTracingConfig({}, 'test'), { exporter });
  const app = createApp();
  app.get('/items/:item_id', (_req, res) => void res.json({ ok: true }));
  app.post('/grant', () => {
    throw new InvalidGrant('unknown auth_req_id');
  });
  app.post('/joined', async (_req, res) => {
    const stored = { traceparent: `00-${STORED_TRACE}-${STORED_SPAN}-01` };
    const carried = await withinStoredTrace(stored, 'ciba.joined', { 'ciba.request_id': 'r-1' }, async () => traceCarrier());
    res.json({ carried });
  });
  const logger = createLogger('test', 'silent');
  finishApp(app, logger);
  server = await listenOnLoopback(hotRoutes({ app, logger, routes: [{ 'POST /hot': (_req, res) => void res.json({ hot: true }) }] }));
  const headers: IncomingHttpHeaders[] = [];
  const http = createServer((req, res) => {
    headers.push(req.headers);
    req.resume().on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  receiver = { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/cb`, headers, close: () => new Promise<void>((r) => http.close(() => r())) };
});

afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await tracing?.shutdown();
});

beforeEach(() => exporter.reset());

const traceparent = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
const spanNamed = async (name: string) => {
  for (let i = 0; i < 100; i++) {
    const span = exporter.getFinishedSpans().find((s) => s.name === name);
    if (span) return span;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no span ${name}: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
};

describe('traceRequests (every app from createApp)', () => {
  test("a SERVER span continuing the caller's traceparent, named by the route template; no path ids, query or headers", async () => {
    const res = await fetch(`${server.url}/items/secret-id-123?q=hint`, { headers: { traceparent, authorization: 'Bearer tok' } });
    expect(res.status).toBe(200);
    const span = await spanNamed('GET /items/:item_id');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(CALLER_TRACE);
    expect(span.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span.attributes).toEqual({ 'http.request.method': 'GET', 'http.route': '/items/:item_id', 'http.response.status_code': 200 });
  });

  test('a hot route is named by its path and continues the caller\'s trace; an unmatched one is "unmatched"; probes are not traced', async () => {
    await fetch(`${server.url}/hot`, { method: 'POST', headers: { traceparent } });
    const hot = await spanNamed('POST /hot');
    expect(hot.spanContext().traceId).toBe(CALLER_TRACE);
    expect(hot.attributes).toEqual({ 'http.request.method': 'POST', 'http.route': '/hot', 'http.response.status_code': 200 });
    await fetch(`${server.url}/no/such/thing`);
    expect((await spanNamed('GET unmatched')).attributes['http.response.status_code']).toBe(404);
    await fetch(`${server.url}/healthz`);
    await new Promise((r) => setTimeout(r, 50));
    expect(exporter.getFinishedSpans().some((s) => s.attributes['http.route'] === '/healthz')).toBe(false);
  });

  test("an OAuth error's code is on the span; a 4xx is not an error status", async () => {
    const res = await fetch(`${server.url}/grant`, { method: 'POST' });
    expect(res.status).toBe(400);
    const span = await spanNamed('POST /grant');
    expect(span.attributes).toMatchObject({ 'ciba.oauth_error': 'invalid_grant', 'http.response.status_code': 400 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });
});

describe('withinStoredTrace', () => {
  test("runs in a child of the stored context, linked to the request's own span", async () => {
    const res = await fetch(`${server.url}/joined`, { method: 'POST', headers: { traceparent } });
    const { carried } = (await res.json()) as { carried: { traceparent: string } };
    const joined = await spanNamed('ciba.joined');
    const request = await spanNamed('POST /joined');
    expect(joined.spanContext().traceId).toBe(STORED_TRACE);
    expect(joined.parentSpanContext?.spanId).toBe(STORED_SPAN);
    expect(joined.links.map((l) => l.context.spanId)).toEqual([request.spanContext().spanId]);
    expect(carried.traceparent).toBe(`00-${STORED_TRACE}-${joined.spanContext().spanId}-01`);
    expect(request.spanContext().traceId).toBe(CALLER_TRACE);
  });

  test('without a stored context it runs in a span of the active trace', async () => {
    const parent = trace.getTracer('t').startSpan('parent');
    await trace.getTracer('t').startActiveSpan('outer', async (outer) => {
      await withinStoredTrace(undefined, 'ciba.alone', {}, async () => undefined);
      outer.end();
    });
    parent.end();
    const alone = await spanNamed('ciba.alone');
    expect(alone.parentSpanContext?.spanId).toBe((await spanNamed('outer')).spanContext().spanId);
    expect(alone.links).toEqual([]);
  });
});

describe('outboundCall (postJson and every outbound sender)', () => {
  test('a CLIENT span "POST <target>" whose context goes out as traceparent; status only, no URL', async () => {
    await trace.getTracer('t').startActiveSpan('work', async (work) => {
      await postJson(receiver.url, { a: 1 }, { timeoutMs: 2000, production: false, traceTarget: 'client-notification', headers: { authorization: 'Bearer secret' } });
      work.end();
    });
    const span = await spanNamed('POST client-notification');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toEqual({ 'http.request.method': 'POST', 'http.response.status_code': 204 });
    expect(receiver.headers.at(-1)?.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    expect(receiver.headers.at(-1)?.authorization).toBe('Bearer secret');
  });

  test('a call that gets no answer ends its span with an error named by class', async () => {
    await expect(outboundCall('nowhere', async () => Promise.reject(new TypeError('connect ECONNREFUSED 10.0.0.1')))).rejects.toThrow(TypeError);
    const span = await spanNamed('POST nowhere');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'TypeError' });
    expect(JSON.stringify(span.attributes)).not.toContain('10.0.0.1');
  });
});
