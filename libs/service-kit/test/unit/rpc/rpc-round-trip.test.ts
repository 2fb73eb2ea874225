import { z } from 'zod';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { OAuthError } from '@ciba/contracts/oauth-errors';
import { createApp, createLogger, finishApp, rpcClient, rpcRouter } from '@ciba/service-kit';
import { listenOnLoopback, type LoopbackServer } from '../../support/listen-on-loopback.ts';

const schema = {
  greet: { args: z.tuple([z.string()]), result: z.string() },
  maybe: { args: z.tuple([z.string(), z.number().optional()]), result: z.number().nullable() },
  reject: { args: z.tuple([]), result: z.null() },
} as const;

const impl = {
  greet: async (name: string) => `hello ${name}`,
  maybe: async (_s: string, n?: number) => (n === undefined ? null : n * 2),
  reject: async () => {
    throw new InvalidClient('client authentication failed');
  },
};

let server: LoopbackServer;
let baseUrl: string;

beforeAll(async () => {
  const app = createApp();
  app.use('/internal/demo', rpcRouter(schema, impl, 'internal-token-0123456789'));
  finishApp(app, createLogger('rpc-test', 'silent'));
  server = await listenOnLoopback(app);
  baseUrl = `${server.url}/internal/demo`;
});
afterAll(() => server.close());

describe('rpcClient ↔ rpcRouter', () => {
  it('calls a method and validates its result', async () => {
    const port = rpcClient(schema, { baseUrl, token: 'internal-token-0123456789' });
    await expect(port.greet('alice')).resolves.toBe('hello alice');
    await expect(port.maybe('x')).resolves.toBeNull();
    await expect(port.maybe('x', 21)).resolves.toBe(42);
  });

  it('re-raises the owner OAuth error with its code, status and challenge', async () => {
    const port = rpcClient(schema, { baseUrl, token: 'internal-token-0123456789' });
    const err = await port.reject().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect(err).toMatchObject({ error: 'invalid_client', status: 401, message: 'client authentication failed' });
    expect((err as OAuthError).headers['WWW-Authenticate']).toMatch(/^Basic/);
  });

  it('refuses a caller without the internal token', async () => {
    const port = rpcClient(schema, { baseUrl, token: 'wrong-token-0123456789' });
    await expect(port.greet('x')).rejects.toMatchObject({ error: 'unauthorized', status: 401 });
  });

  it('answers invalid_request for arguments off the schema', async () => {
    const res = await fetch(`${baseUrl}/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer internal-token-0123456789' },
      body: JSON.stringify({ args: [42] }),
    });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({ error: 'invalid_request', error_description: 'invalid arguments for greet' });
  });

  it('is temporarily_unavailable when the owner does not answer', async () => {
    const port = rpcClient(schema, { baseUrl: 'http://127.0.0.1:1/internal/demo', token: 't', timeoutMs: 500 });
    await expect(port.greet('x')).rejects.toMatchObject({ error: 'temporarily_unavailable', status: 503 });
  });
});
