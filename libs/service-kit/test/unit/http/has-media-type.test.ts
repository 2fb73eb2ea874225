import net from 'node:net';
import { createApp } from '@ciba/service-kit';
import { hasMediaType } from '@ciba/service-kit/http/has-media-type';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;
let url: string;

beforeAll(async () => {
  const app = createApp();
  app.post('/check', (req, res) => {
    res.json({ fast: hasMediaType(req, 'application/x-www-form-urlencoded'), typeIs: Boolean(req.is('application/x-www-form-urlencoded')) });
  });
  server = await listenOnLoopback(app);
  url = server.url;
});
afterAll(() => server.close());

describe('hasMediaType', () => {
  it.each([
    ['the usual header', 'application/x-www-form-urlencoded', 'a=1', true],
    ['upper case and a charset', 'Application/X-WWW-Form-URLencoded; charset=UTF-8', 'a=1', true],
    ['a parameter without value', 'application/x-www-form-urlencoded; charset', 'a=1', true],
    ['surrounding spaces', ' application/x-www-form-urlencoded ', 'a=1', true],
    ['an empty body', 'application/x-www-form-urlencoded', '', true],
    ['JSON', 'application/json', '{}', false],
    ['a suffixed type', 'application/x-www-form-urlencoded+json', 'a=1', false],
    ['a malformed type', 'application/x-www-form-urlencoded/x', 'a=1', false],
    ['a prefix of the type', 'application/x-www-form', 'a=1', false],
  ])('accepts what type-is accepts: %s', async (_name, type, body, accepted) => {
    const res = await fetch(`${url}/check`, { method: 'POST', headers: { 'content-type': type }, body });
    await expect(res.json()).resolves.toEqual({ fast: accepted, typeIs: accepted });
  });

  it('is false without a body (neither a length nor chunks), as type-is is, even with the right type', async () => {
    const { port } = new URL(url);
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk)).on('close', () => resolve(text));
      socket.end('POST /check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n');
    });
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ fast: false, typeIs: false });
  });
});
