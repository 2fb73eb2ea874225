import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { childEnv } from './child-env.ts';
import { NOTIFY_TEST_ENV } from './notify-test-env.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import { freePort } from './service-process.ts';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const root = join(__dirname, '..', '..', '..', '..');

/** One run of the system: the node process itself (not a `tsx` wrapper, whose SIGKILL would orphan it). */
interface Run {
  child: ChildProcess;
  exited: Promise<void>;
  output(): string;
}

async function spawnSystem(env: Record<string, string>, healthUrl: string): Promise<Run> {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'services/all-in-one/src/main.ts')], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const run: Run = { child, exited: new Promise<void>((r) => child.once('exit', () => r())), output: () => log };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the system exited with ${child.exitCode}:\n${log}`);
    if (await fetch(healthUrl).then((r) => r.status === 200, () => false)) return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  await run.exited;
  throw new Error(`the system did not become healthy:\n${log}`);
}

export interface SystemProcess {
  url: string;
  issuer: string;
  adminToken: string;
  databaseUrl: string;
  redis: RedisServer;
  /** What the running process printed (empty while killed). */
  output(): string;
  /** SIGKILL the whole system: no shutdown, no cleanup. */
  kill(): Promise<void>;
  /** Starts it again with the same settings, database and Redis; resolves once healthy. */
  start(): Promise<void>;
  /** Kills everything this started and drops the database. */
  dispose(): Promise<void>;
}

/**
 * The whole system as `node --import tsx services/all-in-one/src/main.ts` in a child process (what
 * `npm start` and the image run),
 * on a free 127.0.0.1 port, a fresh database and a redis-server of its own, so a test can kill any of them.
 */
export async function startSystemProcess(env: Record<string, string> = {}): Promise<SystemProcess> {
  const id = randomBytes(4).toString('hex');
  const db = new URL(serverUrl);
  db.pathname = `/ciba_crash_${id}`;
  const port = await freePort();
  const redis = await startRedisServer();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const settings = {
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: url,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: db.toString(),
    REDIS_URL: redis.url,
    REDIS_NAMESPACE: `crash-${id}`,
    ADMIN_TOKEN: adminToken,
    CIBA_DEFAULT_INTERVAL: '1',
    ...NOTIFY_TEST_ENV,
    ...env,
  };
  let run: Run | undefined;
  const system: SystemProcess = {
    url,
    issuer: url,
    adminToken,
    databaseUrl: db.toString(),
    redis,
    output: () => run?.output() ?? '',
    async kill() {
      if (run && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      await run?.exited;
      run = undefined;
    },
    async start() {
      run = await spawnSystem(settings, `${url}/healthz`);
    },
    async dispose() {
      await system.kill();
      await redis.kill();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "ciba_crash_${id}" WITH (FORCE)`);
      await admin.end();
    },
  };
  try {
    await system.start();
  } catch (err) {
    await redis.kill();
    throw err;
  }
  return system;
}
