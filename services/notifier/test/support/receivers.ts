import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  at: number;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Client notification endpoints on 127.0.0.1, chosen by the first path segment:
 * `/ok` 200; `/ok-body` 200 with a large JSON body; `/unauthorized` 401; `/forbidden` 403; `/moved`
 * 301 to `/ok`; `/flaky` 500 on the first call of each path, then 200; `/busy` 429 with
 * `Retry-After: 1` on the first call, then 200; `/error` always 503; `/never` never answers.
 * Every POST is recorded.
 */
export async function startReceivers(): Promise<{ base: string; received: Received[]; calls(path: string): Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const calls = (path: string) => received.filter((r) => r.path === path);
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
      received.push({ path, at: Date.now(), body, headers: req.headers });
      const first = calls(path).length === 1;
      switch (path.split('/')[1]) {
        case 'ok':
          return res.writeHead(200).end();
        case 'ok-body':
          return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ thanks: 'x'.repeat(100_000) }));
        case 'unauthorized':
          return res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('{"error":"invalid_token"}');
        case 'forbidden':
          return res.writeHead(403).end();
        case 'moved':
          return res.writeHead(301, { location: `http://${req.headers.host}/ok${path.slice('/moved'.length)}` }).end();
        case 'flaky':
          return first ? res.writeHead(500).end('oops') : res.writeHead(200).end();
        case 'busy':
          return first ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(200).end();
        case 'error':
          return res.writeHead(503).end();
        default:
        // `never`: no answer at all
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
