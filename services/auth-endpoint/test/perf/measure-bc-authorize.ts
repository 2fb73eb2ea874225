/**
 * Work per `POST /bc-authorize` on this machine: PostgreSQL statements and transactions (every query
 * any `pg` client of this process sends, by kind), and the event loop's CPU per request (the main
 * thread's utime + stime from /proc, and `process.cpuUsage()` for the whole process), minus what the
 * same requests cost against a stub route that only answers (the load driver and HTTP are in this
 * process too). The service runs as in the all-in-one process: the auth-endpoint router over the
 * token service's real directory (its own schema, registered client, users with login hints). No
 * outbox relay runs, so only the request's own work is counted. The prompt limits are off unless
 * `--limits` turns them on at their defaults (the per-client one out of reach) on the local Redis: each
 * request then goes to the next user, so give at least as many users as requests (warm-ups included).
 *
 *   npx tsx services/auth-endpoint/test/perf/measure-bc-authorize.ts [--requests 2000] [--concurrency 16] [--users 1000] [--limits]
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createApp, createLogger, createPgPool, ensureDatabase, finishApp, migrate, sha256 } from '@ciba/service-kit';
import type { EventBus } from '@ciba/event-bus';
import { AUTH_ENDPOINT_MIGRATIONS_DIR, createAuthEndpointService } from '../../src/service.ts';
import { testConfig } from '../support/test-config.ts';
import { TOKEN_MIGRATIONS_DIR } from '../../../token/src/adapters/db/migrations-dir.ts';
import { clientRepository } from '../../../token/src/adapters/db/client-repository.ts';
import { createTokenDb } from '../../../token/src/adapters/db/prisma-client.ts';
import { signingKeyRepository } from '../../../token/src/adapters/db/signing-key-repository.ts';
import { userRepository } from '../../../token/src/adapters/db/user-repository.ts';
import { loadTokenConfig } from '../../../token/src/config.ts';
import { createTokenDirectory } from '../../../token/src/directory/create-token-directory.ts';
import { validateClientMetadata } from '../../../token/src/domain/clients/validate-client-metadata.ts';
import { createSigningKeys } from '../../../token/src/domain/keys/create-signing-keys.ts';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba_test';
const ISSUER = 'https://op.example.test';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    users: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '300' },
    limits: { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const USERS = Number(args.users);
const WARMUP = Number(args.warmup);

/** Every query of every pg client in this process, by its first words. */
const queries = new Map<string, number>();
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  const first = a[0] as string | { text?: string };
  const text = typeof first === 'string' ? first : (first?.text ?? '?');
  const kind = text.replace(/\s+/g, ' ').trim().slice(0, 60);
  queries.set(kind, (queries.get(kind) ?? 0) + 1);
  return (originalQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof pg.Client.prototype.query;

/** The main thread's CPU (utime + stime) in milliseconds, from /proc. */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const noBus: EventBus = { publish: async () => undefined, subscribe: async () => ({ close: async () => undefined }), ping: async () => undefined, lag: async () => [], close: async () => undefined };

async function fire(port: number, path: string, count: number, body: (i: number) => string, authorization: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let failures = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const payload = body(i);
      const req = http.request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload), authorization } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) {
              failures++;
              if (failures < 3) console.error(res.statusCode, Buffer.concat(chunks).toString());
            }
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await one(next++);
    }),
  );
  agent.destroy();
  return failures;
}

/** `count` calls of `call`, `CONCURRENCY` at a time; 0 failures (a call that throws fails the run). */
async function calls(count: number, call: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await call(next++);
    }),
  );
  return 0;
}

async function measure(label: string, run: () => Promise<number>): Promise<{ mainMs: number; procMs: number; counts: Map<string, number> }> {
  queries.clear();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMs();
  const failures = await run();
  const main1 = mainThreadCpuMs();
  const cpu = process.cpuUsage(cpu0);
  const counts = new Map(queries);
  if (failures) console.error(`${label}: ${failures} failed requests`);
  return { mainMs: (main1 - main0) / REQUESTS, procMs: (cpu.user + cpu.system) / 1000 / REQUESTS, counts };
}

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const tokenSchema = `token_perf_${suffix}`;
  const authSchema = `auth_endpoint_perf_${suffix}`;
  await ensureDatabase(DATABASE_URL);
  await migrate({ databaseUrl: DATABASE_URL, schema: tokenSchema, migrationsDir: TOKEN_MIGRATIONS_DIR });
  await migrate({ databaseUrl: DATABASE_URL, schema: authSchema, migrationsDir: AUTH_ENDPOINT_MIGRATIONS_DIR });
  const logger = createLogger('perf', 'warn');
  const tokenConfig = { ...loadTokenConfig({ NODE_ENV: 'test', ISSUER, ADMIN_TOKEN: 'perf-admin-token-0123456789abcdef', LOG_LEVEL: 'warn', DATABASE_URL }), schema: tokenSchema };
  const tokenPool = createPgPool(DATABASE_URL, { schema: tokenSchema });
  const tokenDb = createTokenDb(tokenPool, tokenSchema);
  const keys = createSigningKeys(signingKeyRepository(tokenDb, tokenSchema));
  await keys.load();
  const directory = createTokenDirectory({ config: tokenConfig, db: tokenDb, pool: tokenPool, keys, logger });

  const clientId = `perf-client-${suffix}`;
  const secret = randomBytes(32).toString('base64url');
  const metadata = await validateClientMetadata({ client_name: 'Perf RP', scope: 'openid profile email' }, false);
  await clientRepository(tokenDb, tokenPool).create({ clientId, clientSecretHash: sha256(secret), metadata, issuedAt: new Date() });
  const users = userRepository(tokenDb, tokenPool);
  for (let i = 0; i < USERS; i++) {
    await users.replace({ sub: `user${i}`, loginHints: [`user${i}@bench.example`], claims: { name: `User ${i}` }, channels: [{ type: 'webhook', url: 'http://127.0.0.1:9/prompts' }], userCodeHash: null });
  }

  // Off: PostgreSQL's share only. On: their defaults, but the per-client limit out of reach (one client sends everything).
  const limits: Record<string, string> = args.limits ? { BC_CLIENT_PROMPT_LIMIT: '1000000' } : { BC_USER_PROMPT_LIMIT: '0', BC_CLIENT_PROMPT_LIMIT: '0', BC_DUPLICATE_PROMPT_WINDOW_S: '0' };
  const redis = args.limits ? new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null }) : undefined;
  const namespace = `perf-${suffix}`;
  const config = testConfig({ DATABASE_URL, LOG_LEVEL: 'warn', ...limits });
  const service = await createAuthEndpointService({ config, logger, bus: noBus, directory, redis, namespace, schema: authSchema });
  const app = createApp();
  app.post('/noop', (_req, res) => {
    res.status(200).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({ auth_req_id: 'x'.repeat(43), expires_in: 600, interval: 5 });
  });
  app.use(service.router);
  finishApp(app, logger);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;

  const authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  let sent = 0; // with the limits on, every request goes to the next user: none is refused
  const body = (i: number) => new URLSearchParams({ scope: 'openid profile email', login_hint: `user${(args.limits ? sent++ : i) % USERS}@bench.example`, binding_message: 'W4SP' }).toString();
  try {
    await fire(port, '/bc-authorize', WARMUP, body, authorization);
    await fire(port, '/noop', WARMUP, body, authorization);
    const stub = await measure('stub', () => fire(port, '/noop', REQUESTS, body, authorization));
    const real = await measure('bc-authorize', () => fire(port, '/bc-authorize', REQUESTS, body, authorization));
    const statements = [...real.counts.values()].reduce((a, b) => a + b, 0);
    const begins = [...real.counts].filter(([k]) => /^BEGIN/i.test(k)).reduce((a, [, n]) => a + n, 0);
    console.log(`requests ${REQUESTS}, concurrency ${CONCURRENCY}, users ${USERS}, prompt limits ${args.limits ? 'on (one Redis script per request)' : 'off'}`);
    console.log(`PostgreSQL statements per request: ${(statements / REQUESTS).toFixed(2)} (explicit transactions: ${(begins / REQUESTS).toFixed(2)})`);
    for (const [kind, n] of [...real.counts].sort((a, b) => b[1] - a[1])) console.log(`  ${(n / REQUESTS).toFixed(2)}  ${kind}`);
    console.log(`event-loop CPU ms/request: ${real.mainMs.toFixed(3)} (stub route ${stub.mainMs.toFixed(3)}, net ${(real.mainMs - stub.mainMs).toFixed(3)})`);
    console.log(`process CPU ms/request:    ${real.procMs.toFixed(3)} (stub route ${stub.procMs.toFixed(3)}, net ${(real.procMs - stub.procMs).toFixed(3)})`);

    // The DirectoryPort calls other services make (the consent dispatcher: getUser and getClient per prompt;
    // token: authenticateClient per poll), in-process as in the all-in-one server.
    const endpoint = `${ISSUER}/token`;
    const ports: [string, (i: number) => Promise<unknown>][] = [
      ['getUser', (i) => directory.getUser(`user${i % USERS}`)],
      ['getClient', () => directory.getClient(clientId)],
      ['authenticateClient', () => directory.authenticateClient({ authorization, endpoint })],
      ['resolveLoginHint + getUser', async (i) => directory.getUser((await directory.resolveLoginHint(`user${i % USERS}@bench.example`))!)],
    ];
    for (const [name, call] of ports) {
      await calls(WARMUP, call);
      const port = await measure(name, () => calls(REQUESTS, call));
      const n = [...port.counts.values()].reduce((a, b) => a + b, 0);
      console.log(`directory.${name}: ${(n / REQUESTS).toFixed(2)} statements, event-loop CPU ${(port.mainMs * 1000).toFixed(0)} µs per call`);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await service.stop();
    if (redis) {
      const keys = await redis.keys(`${namespace}:*`);
      for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
      await redis.quit();
    }
    await tokenDb.$disconnect();
    await tokenPool.end();
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${tokenSchema}" CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS "${authSchema}" CASCADE`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
