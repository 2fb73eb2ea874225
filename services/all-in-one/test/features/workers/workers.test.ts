import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { buses } from '../../support/buses.ts';
import { childEnv } from '../../support/child-env.ts';
import { decide, discover, pollForTokens, putWebhookUser, registerClient, type CibaClient } from '../../support/ciba-fixture.ts';
import { NOTIFY_TEST_ENV } from '../../support/notify-test-env.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { scrapeMetrics } from '../../support/scrape-metrics.ts';
import { freePort } from '../../support/service-process.ts';
import * as oauth from 'oauth4webapi';

const root = join(__dirname, '..', '..', '..', '..', '..');
const main = join(root, 'services/all-in-one/src/main.ts');
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const insecure = { [oauth.allowInsecureRequests]: true } as const;

interface Cluster {
  child: ChildProcess;
  url: string;
  metricsUrl: string;
  output(): string;
  exited: Promise<number | null>;
}

/** `main.ts` with `args` in a child process; resolves once its `/healthz` answers 200. */
async function startCluster(args: string[], env: Record<string, string>): Promise<Cluster> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    env: childEnv({ PORT: String(port), METRICS_PORT: String(metricsPort), HOST: '127.0.0.1', ISSUER: `http://127.0.0.1:${port}`, NODE_ENV: 'test', LOG_LEVEL: 'warn', CIBA_DEFAULT_INTERVAL: '1', ...NOTIFY_TEST_ENV, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const cluster: Cluster = { child, url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, output: () => log, exited };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (log.includes('CIBA server listening') && (await fetch(`${cluster.url}/healthz`).then((r) => r.status === 200, () => false))) return cluster;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the cluster did not start:\n${log}`);
}

/** The process ids of `pid`'s children (the workers of a primary). */
/** The primary's worker processes: its node children (tsx's esbuild service is a child too, now and then). */
const childrenOf = (pid: number): number[] =>
  execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, comm]) => comm === 'node')
    .map(([child]) => Number(child));

/** A request on a fresh connection, so the cluster hands it to the next worker in turn. */
const freshGet = (url: string) => fetch(url, { headers: { connection: 'close' } });

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('CIBA_WORKERS / --workers validation', () => {
  it.each([
    [['--workers', '0'], {}, 'invalid configuration: CIBA_WORKERS: must be at least 1 workers'],
    [[], { CIBA_WORKERS: '65' }, 'invalid configuration: CIBA_WORKERS: must be at most 64 workers'],
    [[], { CIBA_WORKERS: 'two' }, 'invalid configuration: CIBA_WORKERS: expected a number of workers'],
  ])('refuses %j %j with one line naming CIBA_WORKERS', async (args, env, line) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: childEnv({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(err).toBe(`${line}\n`);
  }, 30_000);
});

describe.each(buses('workers'))('--workers 2 over $name', (bus) => {
  const id = randomBytes(4).toString('hex');
  const db = new URL(serverUrl);
  db.pathname = `/ciba_workers_${id}`;
  let cluster: Cluster;
  let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
  let ciba: CibaClient;

  beforeAll(async () => {
    cluster = await startCluster(['--workers', '2'], {
      DATABASE_URL: db.toString(),
      REDIS_NAMESPACE: `workers-${id}`,
      ...bus.env,
      ...(bus.env.KAFKA_BROKERS ? { KAFKA_TOPIC_PREFIX: `workers-${id}.`, KAFKA_SESSION_TIMEOUT_MS: '6000' } : {}),
    });
    receiver = await startPromptReceiver();
  }, 120_000);

  afterAll(async () => {
    if (cluster && cluster.child.exitCode === null) cluster.child.kill('SIGKILL');
    await receiver?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "ciba_workers_${id}" WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  const adminToken = () => /ADMIN_TOKEN=(\S+)/.exec(cluster.output())![1]!;
  const system = () => ({ url: cluster.url, issuer: cluster.url, adminToken: adminToken() });

  async function pollFlow(): Promise<void> {
    const started = await oauth.processBackchannelAuthenticationResponse(
      ciba.as,
      ciba.client,
      await oauth.backchannelAuthenticationRequest(ciba.as, ciba.client, ciba.clientAuth, { scope: 'openid', login_hint: 'alice@example.com' }, insecure),
    );
    // On Kafka a killed worker's partitions move after the session timeout (6 s here).
    const prompt = await receiver.next(40_000);
    expect((await decide(prompt.body, 'approve')).status).toBe(200);
    const tokens = await pollForTokens(ciba, started.auth_req_id, 1, { attempts: 30 });
    expect(tokens.access_token).toEqual(expect.any(String));
  }

  it('prints one generated admin token and serves a full poll flow with both workers answering', async () => {
    expect(cluster.output().match(/ADMIN_TOKEN=/g)).toHaveLength(1);
    expect(cluster.output()).toContain(`CIBA server listening; issuer ${cluster.url}; 2 workers`);
    expect(childrenOf(cluster.child.pid!)).toHaveLength(2);
    ciba = { as: await discover(system()), ...(await registerClient(system(), { backchannel_token_delivery_mode: 'poll' })) };
    await putWebhookUser(system(), 'alice', ['alice@example.com'], receiver.url);
    await pollFlow();
    for (let i = 0; i < 6; i++) expect((await freshGet(`${cluster.url}/readyz`)).status).toBe(200);
    const scrape = await scrapeMetrics(cluster.metricsUrl);
    expect(scrape.sum('ciba_worker_http_requests_total', { worker: '1' })).toBeGreaterThan(0);
    expect(scrape.sum('ciba_worker_http_requests_total', { worker: '2' })).toBeGreaterThan(0);
  }, 60_000);

  it('aggregates the workers metrics: counters summed across workers, shared-store gauges not doubled', async () => {
    const before = await scrapeMetrics(cluster.metricsUrl);
    const n = 8;
    for (let i = 0; i < n; i++) expect((await freshGet(`${cluster.url}/healthz`)).status).toBe(200);
    const after = await scrapeMetrics(cluster.metricsUrl);
    // Every request counted once, whichever worker took it (round robin over fresh connections: both).
    expect(after.sum('ciba_worker_http_requests_total') - before.sum('ciba_worker_http_requests_total')).toBe(n);
    for (const worker of ['1', '2']) expect(after.sum('ciba_worker_http_requests_total', { worker }) - before.sum('ciba_worker_http_requests_total', { worker })).toBeGreaterThan(0);
    // One `ciba_outbox_backlog` series per service, as a single process has (max of the workers' equal readings).
    const backlog = after.find('ciba_outbox_backlog');
    expect(new Set(backlog.map((s) => s.labels.service)).size).toBe(backlog.length);
    expect(backlog.map((s) => s.value).every((v) => v === 0)).toBe(true);
  }, 60_000);

  it('replaces a worker killed with SIGKILL, and flows go on', async () => {
    const [victim, survivor] = childrenOf(cluster.child.pid!);
    process.kill(victim!, 'SIGKILL');
    const replaced = await waitFor('a replacement worker', () => {
      const now = childrenOf(cluster.child.pid!);
      return now.length === 2 && !now.includes(victim!) ? now : undefined;
    });
    expect(replaced).toContain(survivor);
    for (let i = 0; i < 4; i++) expect((await freshGet(`${cluster.url}/healthz`)).status).toBe(200);
    await pollFlow();
    expect(cluster.output()).toContain('worker exited; replacing it');
  }, 90_000);

  it('SIGTERM drains every worker and exits 0', async () => {
    const workers = childrenOf(cluster.child.pid!);
    cluster.child.kill('SIGTERM');
    expect(await cluster.exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
