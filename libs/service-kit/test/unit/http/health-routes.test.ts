import { createApp, healthRoutes, type ReadinessCheck } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

const servers: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(checks: Record<string, ReadinessCheck>, timeoutMs?: number): Promise<string> {
  const app = createApp();
  app.use(healthRoutes(checks, timeoutMs === undefined ? {} : { timeoutMs }));
  const server = await listenOnLoopback(app);
  servers.push(server);
  return server.url;
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, cacheControl: res.headers.get('cache-control'), body: await res.json() };
};

describe('healthRoutes', () => {
  it('/healthz answers 200 whatever the dependencies do', async () => {
    const url = await serve({ postgresql: () => Promise.reject(new Error('down')) });
    expect(await get(`${url}/healthz`)).toEqual({ status: 200, cacheControl: 'no-store', body: { status: 'ok' } });
  });

  it('/readyz answers 200 naming every check when all resolve', async () => {
    const url = await serve({ postgresql: async () => {}, 'event-bus': async () => {} });
    expect(await get(`${url}/readyz`)).toEqual({ status: 200, cacheControl: 'no-store', body: { status: 'ok', checks: { postgresql: 'ok', 'event-bus': 'ok' } } });
  });

  it('/readyz answers 503 naming the failing check, without its error', async () => {
    const url = await serve({
      postgresql: () => Promise.reject(new Error('connect ECONNREFUSED postgresql://user:secret@db')),
      redis: async () => {},
      thrown: () => {
        throw new Error('synchronous');
      },
    });
    const answer = await get(`${url}/readyz`);
    expect(answer).toEqual({ status: 503, cacheControl: 'no-store', body: { status: 'failing', checks: { postgresql: 'failing', redis: 'ok', thrown: 'failing' } } });
    expect(JSON.stringify(answer.body)).not.toContain('secret');
  });

  it('/readyz counts a check that outlasts timeoutMs as timeout', async () => {
    const url = await serve({ 'event-bus': () => new Promise<void>(() => {}), postgresql: async () => {} }, 50);
    expect((await get(`${url}/readyz`)).body).toEqual({ status: 'failing', checks: { 'event-bus': 'timeout', postgresql: 'ok' } });
  });
});
