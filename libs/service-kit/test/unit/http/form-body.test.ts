import { createApp, createLogger, finishApp, formBody, jsonBody } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;
let url: string;

beforeAll(async () => {
  const app = createApp();
  app.post('/form', formBody(1024), (req, res) => void res.json(req.body));
  app.post('/json', jsonBody(1024), (req, res) => void res.json(req.body));
  app.get('/boom', () => {
    throw new Error('database password is hunter2');
  });
  finishApp(app, createLogger('test', 'silent'));
  server = await listenOnLoopback(app);
  url = server.url;
});
afterAll(() => server.close());

const post = (path: string, body: string, type?: string) =>
  fetch(`${url}${path}`, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });

describe('formBody', () => {
  it('parses a form into single-valued parameters', async () => {
    const res = await post('/form', 'a=1&b=x%20y', 'application/x-www-form-urlencoded');
    await expect(res.json()).resolves.toEqual({ a: '1', b: 'x y' });
  });

  it.each([
    ['a repeated parameter', 'a=1&a=2', 'application/x-www-form-urlencoded', 400, 'parameter a is repeated'],
    ['a NUL in a value', 'login_hint=%FF%FE%00', 'application/x-www-form-urlencoded', 400, 'parameter login_hint must not contain NUL characters'],
    ['a NUL in a name', 'a%00b=1', 'application/x-www-form-urlencoded', 400, 'parameter a?b must not contain NUL characters'],
    ['a JSON body', '{"a":1}', 'application/json', 400, 'content type must be application/x-www-form-urlencoded'],
    ['no content type', 'a=1', undefined, 400, 'content type must be application/x-www-form-urlencoded'],
    ['an oversized body', `a=${'x'.repeat(2000)}`, 'application/x-www-form-urlencoded', 413, 'request body exceeds 1024 bytes'],
  ])('rejects %s with a spec error', async (_name, body, type, status, description) => {
    const res = await post('/form', body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    await expect(res.json()).resolves.toEqual({ error: 'invalid_request', error_description: description });
  });
});

describe('jsonBody and the error middleware', () => {
  it('rejects malformed JSON with invalid_request', async () => {
    const res = await post('/json', '{"a":', 'application/json');
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({ error: 'invalid_request', error_description: 'request body is not valid JSON' });
  });

  it('turns an unexpected failure into a generic server_error without its message or stack', async () => {
    const res = await fetch(`${url}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'server_error', error_description: 'internal server error' });
    expect(text).not.toContain('hunter2');
  });

  it('answers 404 with an error body for unknown routes', async () => {
    const res = await fetch(`${url}/nowhere`);
    expect(res.status).toBe(404);
    await expect(res.json()).resolves.toEqual({ error: 'not_found', error_description: 'no such endpoint' });
  });
});
