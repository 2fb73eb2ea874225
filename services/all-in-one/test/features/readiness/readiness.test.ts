import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startRedisServer, type RedisServer } from '../../support/redis-server.ts';
import { freePort, startServiceProcess, type ServiceProcess } from '../../support/service-process.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';

// /readyz of every composition root (the all-in-one and each service's src/main.ts) checks PostgreSQL
// (SELECT 1 on its pool), its event bus and Redis, each bounded, and answers 503 naming what fails.
// PostgreSQL is reached through a proxy the test cuts; Redis is a private redis-server it kills.
const serverUrl = new URL(process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const id = randomBytes(4).toString('hex');
const database = `ciba_ready_${id}`;
const SERVICES = ['token', 'auth-endpoint', 'consent-dispatcher', 'notifier'] as const;

let proxy: TcpProxy;
let redis: RedisServer;
let system: TestSystem;
let processes: ServiceProcess[] = [];
const urls: Record<string, string> = {};

interface Readiness {
  status: number;
  body: { status: string; checks: Record<string, string> };
}

const readyz = async (base: string): Promise<Readiness> => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness['body'] };
};

/** Asks every process until each answers `status` (the pools notice a cut or a return on their next query). */
async function everyReadyz(status: number): Promise<Record<string, Readiness>> {
  const answers: Record<string, Readiness> = {};
  for (const [name, base] of Object.entries(urls)) {
    for (let i = 0; ; i++) {
      answers[name] = await readyz(base);
      if (answers[name]!.status === status || i > 50) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return answers;
}

beforeAll(async () => {
  proxy = await startTcpProxy(Number(serverUrl.port || 5432), serverUrl.hostname);
  redis = await startRedisServer();
  const db = new URL(serverUrl);
  db.port = String(proxy.port);
  db.pathname = `/${database}`;
  system = await startTestSystem({ DATABASE_URL: db.toString(), REDIS_URL: redis.url });
  urls['all-in-one'] = system.url;

  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const)));
  for (const s of SERVICES) urls[s] = `http://127.0.0.1:${ports[s]}`;
  const env = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.toString(),
    REDIS_URL: redis.url,
    REDIS_NAMESPACE: `ready-${id}`,
    ADMIN_TOKEN: `admin-${randomBytes(16).toString('hex')}`,
    ISSUER: urls.token!,
    TOKEN_SERVICE_URL: urls.token!,
    AUTH_ENDPOINT_URL: urls['auth-endpoint']!,
  };
  // One at a time: they migrate the same database.
  for (const s of SERVICES) {
    processes.push(await startServiceProcess(`services/${s}/src/main.ts`, { ...env, PORT: String(ports[s]) }, `${urls[s]}/healthz`));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGTERM')));
  await system?.stop();
  await proxy?.close();
  await redis?.kill();
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
}, 60_000);

describe('/readyz of every composition root', () => {
  it('answers 200 with postgresql, event-bus and redis ok when every dependency answers', async () => {
    const answers = await everyReadyz(200);
    for (const [name, answer] of Object.entries(answers)) {
      expect([name, answer.status]).toEqual([name, 200]);
      expect(answer.body).toEqual({ status: 'ok', checks: expect.objectContaining({ postgresql: 'ok', 'event-bus': 'ok', redis: 'ok' }) });
    }
  });

  it('answers 503 naming postgresql while the database is unreachable, and 200 once it returns', async () => {
    await proxy.cut();
    const down = await everyReadyz(503);
    for (const [name, answer] of Object.entries(down)) {
      expect([name, answer.status]).toEqual([name, 503]);
      expect(answer.body.status).toBe('failing');
      expect([name, answer.body.checks.postgresql]).toEqual([name, expect.stringMatching(/^(failing|timeout)$/)]);
      expect([name, answer.body.checks.redis]).toEqual([name, 'ok']);
    }

    await proxy.restore();
    const back = await everyReadyz(200);
    for (const [name, answer] of Object.entries(back)) {
      expect([name, answer.status, answer.body.checks.postgresql]).toEqual([name, 200, 'ok']);
    }
  }, 90_000);

  it('answers 503 naming redis and the Redis Streams event bus while Redis is down, and 200 once it returns', async () => {
    await redis.kill();
    const down = await everyReadyz(503);
    for (const [name, answer] of Object.entries(down)) {
      expect([name, answer.status]).toEqual([name, 503]);
      expect([name, answer.body.checks['event-bus']]).toEqual([name, expect.stringMatching(/^(failing|timeout)$/)]);
      expect([name, answer.body.checks.postgresql]).toEqual([name, 'ok']);
      // auth-endpoint uses Redis only for the Redis Streams bus' epoch: its redis check is there too.
      expect([name, answer.body.checks.redis]).toEqual([name, expect.stringMatching(/^(failing|timeout)$/)]);
    }

    await redis.start();
    const back = await everyReadyz(200);
    for (const [name, answer] of Object.entries(back)) {
      expect([name, answer.status]).toEqual([name, 200]);
    }
  }, 90_000);
});
