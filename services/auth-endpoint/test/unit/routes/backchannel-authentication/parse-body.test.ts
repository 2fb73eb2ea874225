import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, createLogger, finishApp } from '@ciba/service-kit';
import type { BackchannelContext } from '../../../../src/routes/backchannel-authentication/context.ts';
import { parseBody } from '../../../../src/routes/backchannel-authentication/parse-body.ts';

describe('parseBody', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = createApp();
    app.post('/form', async (req, res) => {
      const ctx = { req, res, form: {} } as unknown as BackchannelContext;
      await parseBody(ctx);
      res.json(ctx.form);
    });
    finishApp(app, createLogger('parse-body-test', 'silent'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/form`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = (body: string | Buffer, type = 'application/x-www-form-urlencoded') => fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

  it('reads the form and drops empty values', async () => {
    const res = await post('scope=openid+email&login_hint=alice%40example.com&binding_message=');
    expect(await res.json()).toEqual({ scope: 'openid email', login_hint: 'alice@example.com' });
  });

  it('accepts a charset parameter on the content type', async () => {
    const res = await post('scope=openid', 'application/x-www-form-urlencoded; charset=UTF-8');
    expect(res.status).toBe(200);
  });

  it.each([
    ['a JSON body', '{"scope":"openid"}', 'application/json', 400, 'content type must be application/x-www-form-urlencoded'],
    ['a repeated parameter', 'scope=openid&scope=email', undefined, 400, 'parameter scope is repeated'],
    ['bad UTF-8', Buffer.from([0x73, 0x3d, 0xff, 0xfe]), undefined, 400, 'request body is not valid UTF-8'],
    ['a body over 64 KiB', `scope=${'a'.repeat(70_000)}`, undefined, 413, 'request body exceeds 65536 bytes'],
  ])('answers invalid_request for %s', async (_name, body, type, status, description) => {
    const res = await post(body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: description });
  });
});
