import type { NextFunction, Request, Response } from 'express';
import { InvalidGrant, SlowDown, TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import { createApp, createLogger, endpoint, finishApp } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

let server: LoopbackServer;
let url: string;
const ran: string[] = [];
const reachedErrorMiddleware: unknown[] = [];

const step = (name: string) => (_req: Request, _res: Response, next: NextFunction) => {
  ran.push(name);
  next();
};
const asyncStep = (name: string) => async (_req: Request, _res: Response, next: NextFunction) => {
  await new Promise((r) => setImmediate(r));
  ran.push(name);
  next();
};
const answer = (_req: Request, res: Response) => {
  ran.push('answer');
  res.json({ ok: true });
};

beforeAll(async () => {
  const app = createApp();
  app.post('/ordered', endpoint(step('a'), asyncStep('b'), step('c'), answer));
  app.post('/sync-oauth', endpoint(step('a'), () => {
    throw new SlowDown('polling too fast');
  }, step('never')));
  app.post('/async-oauth', endpoint(asyncStep('a'), async () => {
    throw new InvalidGrant('auth_req_id is unknown');
  }, step('never')));
  app.post('/next-err', endpoint((_req, _res, next) => next(new InvalidGrant('via next')), step('never')));
  app.post('/bug', endpoint(asyncStep('a'), async () => {
    throw new Error('database password is hunter2');
  }));
  app.post('/unavailable', endpoint(() => {
    throw new TemporarilyUnavailable();
  }));
  app.post('/falls-through', endpoint(step('a'), step('b')), answer);
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    reachedErrorMiddleware.push(err);
    next(err);
  });
  finishApp(app, createLogger('test', 'silent'));
  server = await listenOnLoopback(app);
  url = server.url;
});
afterAll(() => server.close());
beforeEach(() => {
  ran.length = 0;
  reachedErrorMiddleware.length = 0;
});

const post = (path: string) => fetch(`${url}${path}`, { method: 'POST' });

describe('endpoint', () => {
  it('runs the steps in order, sync and async, until one answers', async () => {
    const res = await post('/ordered');
    await expect(res.json()).resolves.toEqual({ ok: true });
    expect(ran).toEqual(['a', 'b', 'c', 'answer']);
  });

  it.each([
    ['thrown', '/sync-oauth', 'slow_down', 'polling too fast'],
    ['rejected', '/async-oauth', 'invalid_grant', 'auth_req_id is unknown'],
    ['passed to next', '/next-err', 'invalid_grant', 'via next'],
  ])('answers an OAuth error %s by a step itself, as the error middleware would, and stops', async (_how, path, error, description) => {
    const res = await post(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    await expect(res.json()).resolves.toEqual({ error, error_description: description });
    expect(ran).not.toContain('never');
    expect(reachedErrorMiddleware).toEqual([]);
  });

  it('hands any other failure to the error middleware: a generic 500, nothing of the cause', async () => {
    const res = await post('/bug');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'server_error', error_description: 'internal server error' });
    expect(text).not.toContain('hunter2');
    expect(reachedErrorMiddleware).toHaveLength(1);
  });

  it('hands a 5xx OAuth error to the error middleware too (it is logged there)', async () => {
    const res = await post('/unavailable');
    expect(res.status).toBe(503);
    await expect(res.json()).resolves.toEqual({ error: 'temporarily_unavailable', error_description: 'internal server error' });
    expect(reachedErrorMiddleware).toHaveLength(1);
  });

  it('goes on to the next handler after the last step calls next()', async () => {
    const res = await post('/falls-through');
    await expect(res.json()).resolves.toEqual({ ok: true });
    expect(ran).toEqual(['a', 'b', 'answer']);
  });
});
