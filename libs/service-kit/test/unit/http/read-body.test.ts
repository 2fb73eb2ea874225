import net from 'node:net';
import { createApp, createLogger, finishApp, readBody } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;
let port: number;

beforeAll(async () => {
  const app = createApp();
  app.post('/echo', async (req, res) => {
    res.json({ text: await readBody(req, 1024) });
  });
  finishApp(app, createLogger('test', 'silent'));
  server = await listenOnLoopback(app);
  port = server.port;
});
afterAll(() => server.close());

/** Sends raw HTTP/1.1 (chunked bodies, lying lengths) and answers the status line and the body. */
function send(head: string, ...parts: (string | Buffer)[]): Promise<{ status: string; body: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk)).on('close', () => {
      const [statusLine = ''] = text.split('\r\n');
      resolve({ status: statusLine.slice(9, 12), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', () => undefined);
    socket.write(`POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${head}\r\n`);
    for (const part of parts) socket.write(part);
  });
}
const chunk = (data: string | Buffer) => Buffer.concat([Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')]);

describe('readBody', () => {
  it('reads a body sent in several chunks, multi-byte characters split across them', async () => {
    const euro = Buffer.from('€');
    const res = await send('Transfer-Encoding: chunked\r\n', chunk('a='), chunk(euro.subarray(0, 1)), chunk(euro.subarray(1)), chunk('&b=2'), '0\r\n\r\n');
    expect(res.status).toBe('200');
    expect(JSON.parse(res.body)).toEqual({ text: 'a=€&b=2' });
  });

  it('reads an empty body', async () => {
    const res = await send('Content-Length: 0\r\n');
    expect(JSON.parse(res.body)).toEqual({ text: '' });
  });

  it('answers 413 before reading a body whose declared length is over the limit', async () => {
    const res = await send('Content-Length: 2000\r\n', 'a');
    expect(res.status).toBe('413');
    expect(JSON.parse(res.body)).toEqual({ error: 'invalid_request', error_description: 'request body exceeds 1024 bytes' });
  });

  it('answers 413 once a chunked body grows over the limit, without reading the rest', async () => {
    const res = await send('Transfer-Encoding: chunked\r\n', chunk('a'.repeat(1000)), chunk('a'.repeat(1000)), chunk('a'.repeat(100_000)), '0\r\n\r\n');
    expect(res.status).toBe('413');
    expect(JSON.parse(res.body)).toEqual({ error: 'invalid_request', error_description: 'request body exceeds 1024 bytes' });
  });

  it('answers invalid_request for a body that is not UTF-8', async () => {
    const res = await send('Content-Length: 4\r\n', Buffer.from([0x61, 0x3d, 0xff, 0xfe]));
    expect(res.status).toBe('400');
    expect(JSON.parse(res.body)).toEqual({ error: 'invalid_request', error_description: 'request body is not valid UTF-8' });
  });
});
