import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the gateway received, as it came. */
export interface GatewayHit {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SmsGateway {
  url: string;
  hits: GatewayHit[];
  /** The status of the next answers; `hang` never answers. */
  answer: number | 'hang';
  close(): Promise<void>;
}

/** A loopback HTTP server standing in for an SMS gateway (either shape): records, then answers `answer`. */
export async function startSmsGateway(): Promise<SmsGateway> {
  const hits: GatewayHit[] = [];
  const gateway = { hits, answer: 201 as number | 'hang' } as SmsGateway;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (gateway.answer === 'hang') return;
      res.writeHead(gateway.answer, { 'content-type': 'application/json' }).end('{"sid":"SM0123"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gateway.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return gateway;
}
