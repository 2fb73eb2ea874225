import { Router, type NextFunction, type Request, type Response } from 'express';
import { createApp, createLogger, exactRoutes, finishApp } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;
let url: string;
const reached: string[] = [];

const answer = (name: string) => (_req: Request, res: Response) => {
  reached.push(name);
  res.json({ by: name });
};
const passOn = (_req: Request, _res: Response, next: NextFunction) => {
  reached.push('hot passed on');
  next();
};

beforeAll(async () => {
  const hot = answer('hot');
  const router = Router();
  router.use((_req, _res, next) => {
    reached.push('router walked');
    next();
  });
  router.post('/hot', hot);
  router.get('/hot', answer('router get'));
  router.post('/passes-on', passOn, answer('router after pass-on'));
  const app = createApp();
  app.use(exactRoutes({ 'POST /hot': hot }, { 'POST /passes-on': passOn }));
  app.use(router);
  finishApp(app, createLogger('test', 'silent'));
  server = await listenOnLoopback(app);
  url = server.url;
});
afterAll(() => server.close());
beforeEach(() => {
  reached.length = 0;
});

describe('exactRoutes', () => {
  it('sends a request whose method and path are a key straight to its handler, query string or not', async () => {
    for (const path of ['/hot', '/hot?x=1']) {
      const res = await fetch(`${url}${path}`, { method: 'POST' });
      await expect(res.json()).resolves.toEqual({ by: 'hot' });
    }
    expect(reached).toEqual(['hot', 'hot']);
  });

  it('leaves every other method, path and spelling to the routers, which answer as before', async () => {
    await expect((await fetch(`${url}/hot`)).json()).resolves.toEqual({ by: 'router get' });
    await expect((await fetch(`${url}/HOT`, { method: 'POST' })).json()).resolves.toEqual({ by: 'hot' });
    await expect((await fetch(`${url}/hot/`, { method: 'POST' })).json()).resolves.toEqual({ by: 'hot' });
    expect((await fetch(`${url}/cold`, { method: 'POST' })).status).toBe(404);
    expect(reached).toEqual(['router walked', 'router get', 'router walked', 'hot', 'router walked', 'hot', 'router walked']);
  });

  it('goes on to the routers when the handler calls next()', async () => {
    const res = await fetch(`${url}/passes-on`, { method: 'POST' });
    await expect(res.json()).resolves.toEqual({ by: 'router after pass-on' });
    expect(reached).toEqual(['hot passed on', 'router walked', 'hot passed on', 'router after pass-on']);
  });

  it('refuses a route two tables claim', () => {
    expect(() => exactRoutes({ 'POST /a': passOn }, { 'POST /a': passOn })).toThrow('exact route POST /a is claimed twice');
  });
});
