import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson } from '../../../src/outbound/post-json.ts';
import { OutboundAddressError, OutboundNetworkError, OutboundTimeoutError, OutboundUrlError } from '../../../src/outbound/outbound-errors.ts';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('postJson (receivers on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, Handler>();
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hits.push(req.url!);
        const handler = routes.get(req.url!);
        if (handler) handler(req, body, res);
        else res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    routes.clear();
    hits.length = 0;
  });

  it('POSTs the body as JSON with the given headers and answers the status', async () => {
    let seen: { body: string; type?: string; auth?: string; method?: string } | undefined;
    routes.set('/ok', (req, body, res) => {
      seen = { body, type: req.headers['content-type'], auth: req.headers.authorization, method: req.method };
      res.writeHead(204).end();
    });
    const result = await postJson(`${base}/ok`, { hello: 'world' }, { timeoutMs: 2000, production: false, headers: { authorization: 'Bearer x' } });
    expect(result).toEqual({ status: 204 });
    expect(seen).toEqual({ body: '{"hello":"world"}', type: 'application/json', auth: 'Bearer x', method: 'POST' });
  });

  it('answers non-2xx statuses as they are, with Retry-After in seconds', async () => {
    routes.set('/busy', (_req, _body, res) => res.writeHead(503, { 'retry-after': '7' }).end('{"error":"busy"}'));
    await expect(postJson(`${base}/busy`, {}, { timeoutMs: 2000, production: false })).resolves.toEqual({ status: 503, retryAfter: 7 });
  });

  it('never follows a redirect: the 3xx is the answer', async () => {
    routes.set('/moved', (_req, _body, res) => res.writeHead(302, { location: `${base}/target` }).end());
    routes.set('/target', (_req, _body, res) => res.writeHead(200).end());
    await expect(postJson(`${base}/moved`, {}, { timeoutMs: 2000, production: false })).resolves.toEqual({ status: 302 });
    expect(hits).toEqual(['/moved']);
  });

  it('reads a large answer only up to the cap', async () => {
    routes.set('/big', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(Buffer.alloc(1024 * 1024, 97));
    });
    await expect(postJson(`${base}/big`, {}, { timeoutMs: 2000, production: false })).resolves.toEqual({ status: 200 });
  });

  it('times out a receiver that never answers', async () => {
    routes.set('/never', () => undefined);
    const started = Date.now();
    await expect(postJson(`${base}/never`, {}, { timeoutMs: 300, production: false })).rejects.toBeInstanceOf(OutboundTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a receiver that stalls in the middle of its headers', async () => {
    routes.set('/stall', (_req, _body, res) => {
      res.socket!.write('HTTP/1.1 200 OK\r\nX-Slow: ');
    });
    await expect(postJson(`${base}/stall`, {}, { timeoutMs: 300, production: false })).rejects.toBeInstanceOf(OutboundTimeoutError);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(postJson(`http://127.0.0.1:${port}/`, {}, { timeoutMs: 2000, production: false })).rejects.toBeInstanceOf(OutboundNetworkError);
  });

  describe('in production', () => {
    it('refuses http', async () => {
      await expect(postJson(`${base}/ok`, {}, { timeoutMs: 2000, production: true })).rejects.toBeInstanceOf(OutboundUrlError);
    });

    it('refuses a loopback IP literal before connecting', async () => {
      await expect(postJson('https://127.0.0.1:1/', {}, { timeoutMs: 2000, production: true })).rejects.toBeInstanceOf(OutboundAddressError);
    });

    it('refuses a host name that resolves to loopback, at connection time', async () => {
      await expect(postJson('https://localhost:1/', {}, { timeoutMs: 2000, production: true })).rejects.toBeInstanceOf(OutboundAddressError);
    });
  });
});
