import { context, trace } from '@opentelemetry/api';
import { createApp, finishApp, createLogger, loadTracingConfig, postJson, startTracing, traceCarrier, withinStoredTrace } from '@ciba/service-kit';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnLoopback } from '../../support/listen-on-loopback.ts';

describe('tracing off (OTEL_TRACES_EXPORTER unset)', () => {
  test('startTracing registers nothing: no span is recorded, no traceparent goes out, a stored context is not joined', async () => {
    const tracing = startTracing(loadTracingConfig({}, 'test'));
    expect(tracing.enabled).toBe(false);
    const span = trace.getTracer('t').startSpan('x');
    expect(span.isRecording()).toBe(false);
    expect(traceCarrier(trace.setSpan(context.active(), span))).toBeUndefined();
    const carried = await withinStoredTrace({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, 'n', {}, async () => traceCarrier());
    expect(carried).toBeUndefined();

    const seen: IncomingHttpHeaders[] = [];
    const http = createServer((req, res) => {
      seen.push(req.headers);
      req.resume().on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const app = createApp();
    app.get('/x', async (_req, res) => {
      await postJson(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`, {}, { timeoutMs: 2000, production: false });
      res.json({});
    });
    finishApp(app, createLogger('test', 'silent'));
    const server = await listenOnLoopback(app);
    try {
      expect((await fetch(`${server.url}/x`, { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } })).status).toBe(200);
      expect(seen[0]).not.toHaveProperty('traceparent');
    } finally {
      await server.close();
      await new Promise<void>((r) => http.close(() => r()));
      await tracing.shutdown();
    }
  });
});
