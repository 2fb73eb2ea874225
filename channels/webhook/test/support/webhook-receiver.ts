import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as the bytes arrived. */
  body: Buffer;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: ReceivedRequest[];
  /** How the next requests are answered; `hang` never answers. Default 204. */
  answer: { status: number; headers?: Record<string, string> } | 'hang';
  /** Serves `GET /jwks` with this set. */
  jwks?: { keys: object[] };
  close(): Promise<void>;
}

/** A device's webhook on 127.0.0.1 at a free port: records every request and answers as told; serves `/jwks` too. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hanging: ServerResponse[] = [];
  const receiver: WebhookReceiver = { url: '', received: [], answer: { status: 204 }, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/jwks' && receiver.jwks) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(receiver.jwks));
        return;
      }
      receiver.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const answer = receiver.answer;
      if (answer === 'hang') return void hanging.push(res);
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
