import { Router } from 'express';
import { metricsRegistry } from '@ciba/metrics';
import { InvalidClient, InvalidGrant } from '@ciba/contracts/oauth-errors';
import { createApp, createLogger, endpoint, finishApp, hotRoutes } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;

type Sample = { labels: Record<string, string | number>; value: number };

async function samples(name: string): Promise<Sample[]> {
  return (await metricsRegistry.getSingleMetric(name)!.get()).values as Sample[];
}

/** The counter's value for exactly these labels (0 when never counted). */
async function count(labels: Record<string, string>): Promise<number> {
  const all = await samples('ciba_http_requests_total');
  return all.find((s) => Object.keys(labels).length === Object.keys(s.labels).length && Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v))?.value ?? 0;
}

beforeAll(async () => {
  const hot = endpoint((_req, res) => void res.json({ ok: true }));
  const router = Router();
  router.get('/things/:thing_id', (req, res) => void res.json({ id: req.params.thing_id }));
  router.post('/hot', hot);
  router.post('/refuse', endpoint(() => {
    throw new InvalidGrant('auth_req_id has already been redeemed');
  }));
  router.post('/unknown-client', () => {
    throw new InvalidClient('client authentication failed');
  });
  router.post('/crash', () => {
    throw new Error('database exploded');
  });
  const nested = Router();
  nested.get('/:method', (_req, res) => void res.json({}));
  const app = createApp();
  app.use('/internal/directory', nested);
  app.use(router);
  const logger = createLogger('test', 'silent');
  finishApp(app, logger);
  server = await listenOnLoopback(hotRoutes({ app, logger, routes: [{ 'POST /hot': hot }] }));
});

afterAll(() => server?.close());

const base = { service: 'ciba' };

describe('httpMetrics (every app from createApp)', () => {
  it('labels a routed request by its route template, never the raw path holding the id', async () => {
    expect((await fetch(`${server.url}/things/4f1c-secret-id`)).status).toBe(200);
    expect(await count({ ...base, route: '/things/:thing_id', method: 'GET', status: '200', error: '' })).toBe(1);
    const durations = (await samples('ciba_http_request_duration_seconds')).filter((s) => s.labels.route === '/things/:thing_id');
    expect(durations.find((s) => s.labels.le === '+Inf')?.value).toBe(1);
    const text = await metricsRegistry.metrics();
    expect(text).not.toContain('4f1c-secret-id');
  });

  it('a router mounted on a path: its mount path and the route template', async () => {
    await fetch(`${server.url}/internal/directory/getClient`);
    expect(await count({ ...base, route: '/internal/directory/:method', method: 'GET', status: '200', error: '' })).toBe(1);
  });

  it('a hot route, answered before the app: its path', async () => {
    expect((await fetch(`${server.url}/hot`, { method: 'POST' })).status).toBe(200);
    expect(await count({ ...base, route: '/hot', method: 'POST', status: '200', error: '' })).toBe(1);
  });

  it('the OAuth error code the error response carried: from an endpoint step, from the error middleware', async () => {
    const refused = await fetch(`${server.url}/refuse`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(await count({ ...base, route: '/refuse', method: 'POST', status: '400', error: 'invalid_grant' })).toBe(1);
    expect((await fetch(`${server.url}/unknown-client`, { method: 'POST' })).status).toBe(401);
    expect(await count({ ...base, route: '/unknown-client', method: 'POST', status: '401', error: 'invalid_client' })).toBe(1);
    expect((await fetch(`${server.url}/crash`, { method: 'POST' })).status).toBe(500);
    expect(await count({ ...base, route: '/crash', method: 'POST', status: '500', error: 'server_error' })).toBe(1);
  });

  it('no route: `unmatched` (the raw path never becomes a label), an unknown method as `other`', async () => {
    expect((await fetch(`${server.url}/no/such/user@example.com`)).status).toBe(404);
    expect(await count({ ...base, route: 'unmatched', method: 'GET', status: '404', error: 'not_found' })).toBe(1);
    expect((await fetch(`${server.url}/things/1`, { method: 'PROPFIND' })).status).toBe(404);
    expect(await count({ ...base, route: 'unmatched', method: 'other', status: '404', error: 'not_found' })).toBe(1);
    expect(await metricsRegistry.metrics()).not.toContain('example.com');
  });
});
