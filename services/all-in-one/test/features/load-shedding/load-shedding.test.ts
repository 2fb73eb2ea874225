import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buses } from '../../support/buses.ts';
import { dropKafkaPrefix } from '../../support/drop-kafka-prefix.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { freePort, startServiceProcess, type ServiceProcess } from '../../support/service-process.ts';

// Load shedding at POST /bc-authorize (BC_SHED_*), each service in its own process: the auth-endpoint
// runs with the bus and no consent dispatcher, so the dispatcher's lag on ciba.auth-requests only
// grows. A burst far above that (zero) capacity must get 503 temporarily_unavailable + Retry-After
// once the backlog passes its floor; then the dispatcher starts and every accepted request must be
// prompted (its prompt reaching the device webhook) within its expiry.
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const adminToken = `admin-${randomBytes(16).toString('hex')}`;
const MIN_BACKLOG = 20;
const MAX_WAIT_S = 5;
const EXPIRY_S = 120;
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'];

interface Accepted {
  bindingMessage: string;
  acceptedAt: number;
  expiresIn: number;
}

describe.each(buses('load shedding'))('load shedding over $name: dispatcher stopped, then started', (bus) => {
  let processes: ServiceProcess[] = [];
  let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
  let urls: { token: string; auth: string; consent: string };
  let env: Record<string, string>;
  const id = randomBytes(4).toString('hex');
  const database = `ciba_shed_${id}`;

  beforeAll(async () => {
    receiver = await startPromptReceiver();
    const [tokenPort, authPort, consentPort] = [await freePort(), await freePort(), await freePort()];
    urls = { token: `http://127.0.0.1:${tokenPort}`, auth: `http://127.0.0.1:${authPort}`, consent: `http://127.0.0.1:${consentPort}` };
    const db = new URL(serverUrl);
    db.pathname = `/${database}`;
    env = {
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.toString(),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_NAMESPACE: `shed-${id}`,
      ADMIN_TOKEN: adminToken,
      INTERNAL_TOKEN: `internal-${randomBytes(16).toString('hex')}`,
      ISSUER: urls.token,
      AUTH_ENDPOINT_PUBLIC_URL: urls.auth,
      CONSENT_PUBLIC_URL: urls.consent,
      TOKEN_SERVICE_URL: urls.token,
      AUTH_ENDPOINT_URL: urls.auth,
      CIBA_DEFAULT_EXPIRY: String(EXPIRY_S),
      BC_SHED_MAX_WAIT_S: String(MAX_WAIT_S),
      BC_SHED_MIN_BACKLOG: String(MIN_BACKLOG),
      BC_SHED_SAMPLE_MS: '100',
      ...bus.env,
      ...(bus.name === 'kafka' ? { KAFKA_TOPIC_PREFIX: `shed-${id}.` } : {}),
    };
    processes.push(await startServiceProcess('services/token/src/main.ts', { ...env, PORT: String(tokenPort) }, `${urls.token}/healthz`));
    processes.push(
      ...(await Promise.all([
        startServiceProcess('services/auth-endpoint/src/main.ts', { ...env, PORT: String(authPort) }, `${urls.auth}/healthz`),
        freePort().then((port) => startServiceProcess('channels/webhook/src/main.ts', { ...env, CHANNEL_HEALTH_PORT: String(port) }, `http://127.0.0.1:${port}/healthz`)),
      ])),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    await receiver?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    if (bus.env.KAFKA_BROKERS) await dropKafkaPrefix(bus.env.KAFKA_BROKERS.split(','), `shed-${id}.`);
  }, 60_000);

  it('sheds the excess with 503 + Retry-After, then prompts every accepted request within its expiry', async () => {
    const client = await fetch(`${urls.token}/register`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Burst', backchannel_token_delivery_mode: 'poll', token_endpoint_auth_method: 'client_secret_basic' }),
    }).then((r) => r.json() as Promise<{ client_id: string; client_secret: string }>);
    for (const sub of USERS) {
      const put = await fetch(`${urls.token}/admin/users/${sub}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ login_hints: [`${sub}@example.com`], claims: { name: sub }, channels: [{ type: 'webhook', url: receiver.url }] }),
      });
      expect(put.status).toBe(200);
    }
    const authorization = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
    let n = 0;
    const bcAuthorize = async () => {
      const bindingMessage = `B${n}`;
      const res = await fetch(`${urls.auth}/bc-authorize`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ scope: 'openid', login_hint: `${USERS[n++ % USERS.length]}@example.com`, binding_message: bindingMessage }).toString(),
      });
      return { res, body: (await res.json()) as Record<string, unknown>, bindingMessage, at: Date.now() };
    };

    // The burst: waves of 10 concurrent requests until 30 in a row have been shed (at most 1000).
    const accepted: Accepted[] = [];
    const shed: Array<{ body: Record<string, unknown>; retryAfter: string | null; cacheControl: string | null }> = [];
    let shedInARow = 0;
    let acceptedAfterShedding = 0;
    for (let wave = 0; wave < 100 && shedInARow < 30; wave++) {
      for (const { res, body, bindingMessage, at } of await Promise.all(Array.from({ length: 10 }, bcAuthorize))) {
        if (res.status === 200) {
          if (shed.length > 0) acceptedAfterShedding++;
          accepted.push({ bindingMessage, acceptedAt: at, expiresIn: body.expires_in as number });
          shedInARow = 0;
        } else {
          expect(res.status).toBe(503);
          shed.push({ body, retryAfter: res.headers.get('retry-after'), cacheControl: res.headers.get('cache-control') });
          shedInARow++;
        }
      }
    }
    expect(shedInARow).toBeGreaterThanOrEqual(30);
    // with nothing draining, the last of the burst are asked to wait the whole bound
    expect(shed.at(-1)!.retryAfter).toBe(String(MAX_WAIT_S));
    // The floor was let through; the rest of the burst was shed, with the endpoint's fail-closed answer.
    // lag alone sheds only above MIN_BACKLOG; on a loaded machine the outbox-age rule may start at it
    expect(accepted.length).toBeGreaterThanOrEqual(MIN_BACKLOG);
    expect(shed.length).toBeGreaterThan(0);
    expect(acceptedAfterShedding).toBeLessThanOrEqual(accepted.length - MIN_BACKLOG);
    for (const s of shed) {
      expect(s.body).toEqual({ error: 'temporarily_unavailable', error_description: 'the server cannot take more authentication requests now, try again later' });
      expect(s.cacheControl).toBe('no-store');
      // the time the backlog needs to drain back under the bound, capped at the bound (nothing drains here)
      expect(Number(s.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(s.retryAfter)).toBeLessThanOrEqual(MAX_WAIT_S);
      expect(s.retryAfter).toMatch(/^\d+$/);
    }
    expect(receiver.prompts).toHaveLength(0);

    // The dispatcher starts: every accepted request is prompted, each within its expiry.
    const consentPort = Number(new URL(urls.consent).port);
    processes.push(await startServiceProcess('services/consent-dispatcher/src/main.ts', { ...env, PORT: String(consentPort) }, `${urls.consent}/healthz`));
    const deadline = Math.max(...accepted.map((a) => a.acceptedAt + a.expiresIn * 1000));
    while (receiver.prompts.length < accepted.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const byBinding = new Map(receiver.prompts.map((p) => [p.body.binding_message as string, p]));
    for (const a of accepted) {
      const prompt = byBinding.get(a.bindingMessage);
      expect({ binding: a.bindingMessage, prompted: prompt !== undefined }).toEqual({ binding: a.bindingMessage, prompted: true });
      expect(prompt!.receivedAt).toBeLessThan(a.acceptedAt + a.expiresIn * 1000);
    }
    // Only accepted requests were prompted: shed ones were never stored.
    expect(receiver.prompts).toHaveLength(accepted.length);

    // Drained: the endpoint accepts again.
    let after = await bcAuthorize();
    for (let i = 0; after.res.status !== 200 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await bcAuthorize();
    }
    expect(after.res.status).toBe(200);
  }, 180_000);
});
