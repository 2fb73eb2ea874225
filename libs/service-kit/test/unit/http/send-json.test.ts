import http from 'node:http';
import type { Response } from 'express';
import { InvalidClient, SlowDown } from '@ciba/contracts/oauth-errors';
import { createApp, sendJson, sendOAuthError } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;
let port: number;
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const body = { auth_req_id: 'äöü-1', expires_in: 600, nested: { list: [1, 'two'] } };
const long = { text: 'x'.repeat(3000) };

/** Each pair answers the same thing: through express's own calls, and through the function under test. */
const routes: Record<string, (res: Response) => void> = {
  '/express/plain': (res) => void res.status(200).json(body),
  '/fast/plain': (res) => sendJson(res, 200, body),
  '/express/headers': (res) => void res.status(200).set(NO_STORE).json(body),
  '/fast/headers': (res) => sendJson(res, 200, body, NO_STORE),
  '/express/long': (res) => void res.status(201).json(long),
  '/fast/long': (res) => sendJson(res, 201, long),
  '/express/preset': (res) => void res.set(NO_STORE).status(400).set({ ...new SlowDown().headers, ...NO_STORE }).json(new SlowDown().toJSON()),
  '/fast/preset': (res) => void (res.set(NO_STORE), sendOAuthError(res, new SlowDown())),
  '/express/challenge': (res) => void res.status(401).set({ ...new InvalidClient().headers, ...NO_STORE }).json(new InvalidClient().toJSON()),
  '/fast/challenge': (res) => sendOAuthError(res, new InvalidClient()),
  '/express/typed': (res) => void res.type('application/jwk-set+json').status(200).json(body),
  '/fast/typed': (res) => void (res.type('application/jwk-set+json'), sendJson(res, 200, body)),
};

beforeAll(async () => {
  const app = createApp();
  for (const [path, send] of Object.entries(routes)) app.all(path, (_req, res) => send(res));
  server = await listenOnLoopback(app);
  port = server.port;
});
afterAll(() => server.close());

/** Status, raw header lines (names as sent, in order; Date left out) and body bytes. */
function raw(method: string, path: string): Promise<{ status?: number; headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        const headers: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i] !== 'Date') headers.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolve({ status: res.statusCode, headers, body: text });
      });
    });
    req.on('error', reject).end();
  });
}

describe('sendJson and sendOAuthError', () => {
  it.each(['plain', 'headers', 'long', 'preset', 'challenge', 'typed'])('answer %s exactly as express res.status().set().json() does', async (name) => {
    for (const method of ['POST', 'GET', 'HEAD']) {
      const expected = await raw(method, `/express/${name}`);
      expect(expected.status).toBeGreaterThanOrEqual(200);
      await expect(raw(method, `/fast/${name}`)).resolves.toEqual(expected);
    }
  });

  it('sends JSON as application/json; charset=utf-8 with its byte length', async () => {
    const res = await raw('POST', '/fast/headers');
    expect(res.headers).toEqual(['Cache-Control: no-store', 'Pragma: no-cache', 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(JSON.stringify(body))}`, 'Connection: close']);
    expect(JSON.parse(res.body)).toEqual(body);
  });
});
