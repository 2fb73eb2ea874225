import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@ciba/test-support';
import { startSystemProcess, type SystemProcess } from '../../support/system-process.ts';

// `npm start` with OTEL_TRACES_EXPORTER=otlp: the process's own spans reach an OTLP/HTTP collector
// (here a recording receiver on 127.0.0.1) as protobuf, at <endpoint>/v1/traces, with the configured
// headers, service name and resource attributes; and they continue the caller's traceparent.
interface Export {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let collector: Server;
const exports: Export[] = [];
let system: SystemProcess;

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      exports.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  system = await startSystemProcess({
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k123',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=otlp-test',
  });
}, 90_000);

afterAll(async () => {
  await system?.dispose();
  await new Promise<void>((r) => collector.close(() => r()));
});

test('spans of a request reach the collector over OTLP/HTTP protobuf, in the caller\'s trace', async () => {
  const traceId = randomBytes(16).toString('hex');
  const res = await fetch(`${system.url}/.well-known/openid-configuration`, { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
  expect(res.status).toBe(200);
  // The batch processor exports every few seconds.
  const found = await waitFor(() => exports.find((e) => e.body.includes(Buffer.from(traceId, 'hex'))), 30_000, 'an export holding the trace');
  expect(found.path).toBe('/v1/traces');
  expect(found.headers['content-type']).toBe('application/x-protobuf');
  expect(found.headers['x-collector-key']).toBe('k123');
  for (const text of ['GET /.well-known/openid-configuration', 'service.name', 'ciba', 'deployment.environment.name', 'otlp-test']) {
    expect(found.body.includes(Buffer.from(text))).toBe(true);
  }
}, 60_000);
