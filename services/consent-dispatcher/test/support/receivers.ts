import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Webhook receivers on 127.0.0.1: `/ok/*` answers 200, `/fail/*` 500, `/never/*` never answers,
 * `/redirect/*` 302 to `/target/*` (which would answer 200). Every POST body is kept.
 */
export async function startReceivers(): Promise<{ base: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text);
      } catch {
        // kept empty
      }
      received.push({ path, body, headers: req.headers });
      const kind = path.split('/')[1];
      if (kind === 'ok' || kind === 'target') res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      else if (kind === 'fail') res.writeHead(500).end('oops');
      else if (kind === 'redirect') res.writeHead(302, { location: `http://${req.headers.host}/target${path.slice('/redirect'.length)}` }).end();
      // `never`: no answer at all
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
