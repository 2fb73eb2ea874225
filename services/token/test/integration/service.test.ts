import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, createLogger, finishApp } from '@ciba/service-kit';
import { createTokenService, type TokenService } from '../../src/service.ts';
import { dropTestSchema } from '../support/token-harness.ts';
import { readJson } from '../support/read-json.ts';
import { TEST_ADMIN_TOKEN, testConfig } from '../support/test-config.ts';
import { testEventBus } from '../support/test-event-bus.ts';
import { testRedis } from '../support/test-redis.ts';

const config = testConfig();
const schema = `token_t_svc_${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`;
const bus = testEventBus();
const redis = testRedis();
let service: TokenService;
let server: Server;
let url: string;

beforeAll(async () => {
  service = await createTokenService({
    config,
    logger: createLogger('token-test', 'silent'),
    bus,
    redis: redis.redis,
    namespace: redis.namespace,
    authRequests: { findByAuthReqIdHash: async () => null, findByRequestId: async () => null, getNotificationTarget: async () => null },
    schema,
  });
  await service.start();
  const app = createApp();
  app.use(service.router);
  finishApp(app, createLogger('token-test', 'silent'));
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await service.stop();
  await redis.close();
  await dropTestSchema(config, schema);
});

describe('createTokenService', () => {
  it('migrates its schema and loads keys at start', async () => {
    const jwks = await readJson(await fetch(`${url}/jwks`));
    expect(jwks.keys).toHaveLength(6); // an active and a next key per algorithm
    expect(service.keys.jwks()).toEqual(jwks);
  });

  it('mounts the directory routes and the grant routes on one router', async () => {
    expect((await fetch(`${url}/.well-known/openid-configuration`)).status).toBe(200);
    const registered = await fetch(`${url}/register`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(registered.status).toBe(201);
    const { client_id: clientId, client_secret: secret } = await readJson(registered);
    const token = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=urn:openid:params:grant-type:ciba&auth_req_id=unknown-request-id-0000000000',
    });
    expect(token.status).toBe(400);
    expect((await readJson(token)).error).toBe('invalid_grant');
  });

  it('exposes the directory port over the same tables', async () => {
    const put = await fetch(`${url}/admin/users/alice`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ login_hints: ['alice@example.com'] }),
    });
    expect(put.status).toBe(200);
    expect(await service.directory.resolveLoginHint('alice@example.com')).toBe('alice');
  });
});
