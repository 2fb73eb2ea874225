import { Router, type NextFunction, type Request, type Response } from 'express';
import { InvalidGrant } from '@ciba/contracts/oauth-errors';
import { createApp, createLogger, endpoint, finishApp, formBody, hotRoutes, sendJson } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;
const reached: string[] = [];
const logged: unknown[] = [];

const answer = (name: string) => (req: Request, res: Response) => {
  reached.push(name);
  res.set('X-Step', name).json({ by: name, form: req.body ?? null });
};

beforeAll(async () => {
  const hot = endpoint(formBody(), answer('hot'));
  const router = Router();
  router.use((_req, _res, next) => {
    reached.push('app walked');
    next();
  });
  router.post('/hot', hot);
  router.get('/hot', answer('app get'));
  const logger = createLogger('test', 'silent');
  logger.error = ((obj: unknown) => void logged.push(obj)) as typeof logger.error;
  const app = createApp();
  app.use(router);
  finishApp(app, logger);
  server = await listenOnLoopback(
    hotRoutes({
      app,
      logger,
      routes: [
        { 'POST /hot': hot, 'POST /refuse': endpoint(() => Promise.reject(new InvalidGrant('unknown auth_req_id'))) },
        {
          'POST /crash': () => Promise.reject(new Error('database exploded')),
          'POST /throws': () => {
            throw new Error('sync failure');
          },
          'POST /passes-on': (_req: Request, _res: Response, next: NextFunction) => next(),
          'POST /is-express': (req: Request, res: Response) => sendJson(res, 200, { path: req.path, json: req.is('application/json'), app: typeof res.app.get }),
        },
      ],
    }),
  );
});
afterAll(() => server.close());
beforeEach(() => {
  reached.length = 0;
  logged.length = 0;
});

const post = (path: string, body = 'a=1', type = 'application/x-www-form-urlencoded') => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('hotRoutes', () => {
  it('serves a request whose method and path are exactly a key without walking the app, with express request and response methods', async () => {
    const res = await post('/hot');
    expect(res.headers.get('x-step')).toBe('hot');
    await expect(res.json()).resolves.toEqual({ by: 'hot', form: { a: '1' } });
    expect(reached).toEqual(['hot']);
    const is = await post('/is-express', '{}', 'application/json');
    await expect(is.json()).resolves.toEqual({ path: '/is-express', json: 'application/json', app: 'function' });
  });

  it('leaves a query string, a trailing slash, another letter case and every other method to the app, which answers as before', async () => {
    for (const path of ['/hot?x=1', '/hot/', '/HOT']) await expect((await post(path)).json()).resolves.toEqual({ by: 'hot', form: { a: '1' } });
    await expect((await fetch(`${server.url}/hot`)).json()).resolves.toEqual({ by: 'app get', form: null });
    expect((await fetch(`${server.url}/hot`, { method: 'PUT' })).status).toBe(404);
    expect(reached).toEqual(['app walked', 'hot', 'app walked', 'hot', 'app walked', 'hot', 'app walked', 'app get', 'app walked']);
  });

  it("answers a step's OAuth error as the app does: its JSON, no-store, no log", async () => {
    const res = await post('/refuse');
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    await expect(res.json()).resolves.toEqual({ error: 'invalid_grant', error_description: 'unknown auth_req_id' });
    const badType = await post('/hot', '{}', 'application/json');
    await expect(badType.json()).resolves.toEqual({ error: 'invalid_request', error_description: 'content type must be application/x-www-form-urlencoded' });
    expect(logged).toEqual([]);
  });

  it('sends a rejection or a throw to the error middleware: a generic server_error, the cause only in the log', async () => {
    for (const path of ['/crash', '/throws']) {
      const res = await post(path);
      expect(res.status).toBe(500);
      await expect(res.json()).resolves.toEqual({ error: 'server_error', error_description: 'internal server error' });
    }
    expect(logged).toEqual([
      expect.objectContaining({ method: 'POST', path: '/crash', err: expect.objectContaining({ message: 'database exploded' }) }),
      expect.objectContaining({ method: 'POST', path: '/throws', err: expect.objectContaining({ message: 'sync failure' }) }),
    ]);
  });

  it("answers a handler's plain next() with the app's 404", async () => {
    const res = await post('/passes-on');
    expect(res.status).toBe(404);
    await expect(res.json()).resolves.toEqual({ error: 'not_found', error_description: 'no such endpoint' });
  });

  it('refuses a route two tables claim', () => {
    const app = createApp();
    const noop = () => undefined;
    expect(() => hotRoutes({ app, logger: createLogger('test', 'silent'), routes: [{ 'POST /a': noop }, { 'POST /a': noop }] })).toThrow('hot route POST /a is claimed twice');
  });
});
