import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundAddressError } from '@ciba/service-kit';
import { guardedJwksFetch } from '../../../src/outbound/guarded-jwks-fetch.ts';

let server: Server;
let port: number;
const options = () => ({ headers: new Headers(), method: 'GET' as const, redirect: 'manual' as const, signal: AbortSignal.timeout(5000) });

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/big') return res.end('x'.repeat(100 * 1024));
    if (req.url === '/moved') return res.writeHead(302, { location: '/jwks' }).end();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('guardedJwksFetch', () => {
  it('fetches a JWK Set in development', async () => {
    const res = await guardedJwksFetch(false)(`http://127.0.0.1:${port}/jwks`, options());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ keys: [] });
  });

  it('does not follow redirects', async () => {
    expect((await guardedJwksFetch(false)(`http://127.0.0.1:${port}/moved`, options())).status).toBe(302);
  });

  it('refuses an answer larger than 64 KiB', async () => {
    await expect(guardedJwksFetch(false)(`http://127.0.0.1:${port}/big`, options())).rejects.toThrow('jwks_uri answer is too large');
  });

  it('in production refuses a host name that resolves to a loopback address', async () => {
    const err = await guardedJwksFetch(true)(`https://localhost:${port}/jwks`, options()).catch((e: unknown) => e);
    let cause: unknown = err;
    while (cause && !(cause instanceof OutboundAddressError)) cause = (cause as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(OutboundAddressError);
  });

  it('in production refuses http', async () => {
    await expect(guardedJwksFetch(true)(`http://127.0.0.1:${port}/jwks`, options())).rejects.toThrow('url must use https');
  });
});
