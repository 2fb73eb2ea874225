// The image's programs, run the way the image runs them: `npm run build` into a temporary directory
// that then holds only what the Dockerfile's runtime stage copies (dist/ and the pruned production
// node_modules, see lay-out-image.ts), and `node dist/...` from there, against real PostgreSQL and Redis.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import * as oauth from 'oauth4webapi';
import pg from 'pg';
import { findEntries } from '../../build/find-entries.ts';
import { childEnv } from '../../../services/all-in-one/test/support/child-env.ts';
import { adminCall, decide, discover, insecure, registerClient } from '../../../services/all-in-one/test/support/ciba-fixture.ts';
import { startPromptReceiver } from '../../../services/all-in-one/test/support/prompt-receiver.ts';
import { freePort } from '../../../services/all-in-one/test/support/service-process.ts';
import { layOutImage } from './lay-out-image.ts';
import { startDistProgram } from './start-dist-program.ts';

const root = join(__dirname, '..', '..', '..');
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const id = randomBytes(4).toString('hex');
const databases: string[] = [];
const namespaces: string[] = [];
let dir: string;

const admin = new pg.Client({ connectionString: serverUrl });
const databaseUrl = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
/** Runs a program of the image to its exit (`node dist/<program>`, cwd the image's /app). */
const runToExit = (program: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [join(dir, program)], { cwd: dir, encoding: 'utf8', timeout: 30_000, env: childEnv({ NODE_PATH: '', ...env }) });
const migrationsOf = (service: string) => readdirSync(join(root, 'services', service, 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ciba-image-'));
  layOutImage(root, dir);
  await admin.connect();
}, 180_000);

afterAll(async () => {
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(redisUrl);
  for (const namespace of namespaces) {
    for await (const keys of redis.scanStream({ match: `${namespace}*`, count: 500 })) if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
  }
  await redis.quit();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the image: dist/ and production node_modules, laid out as the Dockerfile does', () => {
  it('holds every program with its source map, every migration folder, and neither sources nor build tools', () => {
    expect(readdirSync(dir).sort()).toEqual(['dist', 'node_modules']);
    for (const entry of findEntries(root)) {
      expect(existsSync(join(dir, 'dist', `${entry.output}.mjs`))).toBe(true);
      expect(existsSync(join(dir, 'dist', `${entry.output}.mjs.map`))).toBe(true);
    }
    for (const service of ['auth-endpoint', 'consent-dispatcher', 'notifier', 'token']) {
      const copied = readdirSync(join(dir, 'dist', 'services', service, 'prisma', 'migrations')).filter((n) => n !== 'migration_lock.toml').sort();
      expect(copied).toEqual(migrationsOf(service));
    }
    const cmd = /^CMD \["([^"]+)"\]$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))?.[1];
    expect(cmd).toBe('dist/services/all-in-one/main.mjs');
    expect(existsSync(join(dir, cmd!))).toBe(true);
    for (const tool of ['tsx', 'esbuild', 'typescript', 'prisma', 'jest', '@swc/core']) expect([tool, existsSync(join(dir, 'node_modules', tool))]).toEqual([tool, false]);
  });

  it('bundles a package a workspace has its own copy of, which the root node_modules of the image would not give it', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const ownCopies = Object.keys(lock.packages).flatMap((key) => /^(?:libs|services|channels|examples|tools)\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key)?.[1] ?? []);
    expect(ownCopies).toContain('ipaddr.js'); // service-kit's 2.x; express brings 1.x to the root
    for (const entry of findEntries(root)) {
      const bundle = readFileSync(join(dir, 'dist', `${entry.output}.mjs`), 'utf8');
      for (const name of ownCopies) expect([entry.output, bundle.includes(`from "${name}"`) || bundle.includes(`require("${name}")`)]).toEqual([entry.output, false]);
    }
    expect(readFileSync(join(dir, 'dist', 'services', 'token', 'main.mjs'), 'utf8')).toContain('libs/service-kit/node_modules/ipaddr.js/lib/ipaddr.js');
  });

  it('every program loads against those node_modules alone: a bad setting stops it with its one configuration line', () => {
    for (const entry of findEntries(root)) {
      const run = runToExit(`dist/${entry.output}.mjs`, { NODE_ENV: 'bogus', DATABASE_URL: 'bogus' });
      expect([entry.output, run.stderr]).not.toEqual([entry.output, expect.stringMatching(/SyntaxError|ERR_MODULE_NOT_FOUND|Cannot find (module|package)|Dynamic require/)]);
      if (entry.output.startsWith('tools/')) continue; // their arguments and settings are their own
      expect([entry.output, run.status]).toEqual([entry.output, 1]);
      expect([entry.output, run.stderr]).toEqual([entry.output, expect.stringMatching(/^(migration failed: )?invalid configuration: [A-Z_]+: [^\n]+\n$/)]);
    }
  }, 180_000);

  it('all-in-one in development (read-only root file system where this machine can mount one): creates and migrates its database, then one poll flow end to end over HTTP', async () => {
    const prompts = await startPromptReceiver();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const name = `ciba_dist_${id}`;
    databases.push(name);
    namespaces.push(`dist-${id}`);
    const system = { url, issuer: url, adminToken: `admin-${randomBytes(16).toString('hex')}` };
    const program = await startDistProgram(
      dir,
      'dist/services/all-in-one/main.mjs',
      { NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', ISSUER: url, DATABASE_URL: databaseUrl(name), REDIS_URL: redisUrl, REDIS_NAMESPACE: `dist-${id}`, ADMIN_TOKEN: system.adminToken, CIBA_DEFAULT_INTERVAL: '1', LOG_LEVEL: 'warn' },
      `${url}/healthz`,
    );
    try {
      const c = await registerClient(system, { client_name: 'dist poll', backchannel_token_delivery_mode: 'poll' });
      const user = await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [{ type: 'webhook', url: prompts.url }] });
      expect(user.status).toBe(200);
      const as = await discover(system);
      const started = await oauth.processBackchannelAuthenticationResponse(
        as,
        c.client,
        await oauth.backchannelAuthenticationRequest(as, c.client, c.clientAuth, { scope: 'openid profile', login_hint: 'alice@example.com' }, insecure),
      );
      const prompt = await prompts.next(20_000);
      expect((await decide(prompt.body, 'approve')).status).toBe(200);
      let tokens: oauth.TokenEndpointResponse | undefined;
      for (let i = 0; !tokens && i < 30; i++) {
        await new Promise((r) => setTimeout(r, (started.interval ?? 1) * 1000 + 50));
        const response = await oauth.backchannelAuthenticationGrantRequest(as, c.client, c.clientAuth, started.auth_req_id, insecure);
        tokens = await oauth.processBackchannelAuthenticationGrantResponse(as, c.client, response).catch((err: unknown) => {
          if (err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending') return undefined;
          throw err;
        });
      }
      expect(tokens).toMatchObject({ token_type: expect.stringMatching(/^bearer$/i), access_token: expect.any(String), id_token: expect.any(String) });
      expect(oauth.getValidatedIdTokenClaims(tokens!)).toMatchObject({ sub: 'alice', aud: c.client.client_id });
    } finally {
      await program.stop();
      await prompts.close();
    }
  }, 90_000);

  it('token in production (read-only root where possible): refuses an unmigrated schema with one line naming the migrations, starts once dist/migrate.mjs has run', async () => {
    const name = `ciba_dist_prod_${id}`;
    databases.push(name);
    namespaces.push(`distp-${id}`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const port = await freePort();
    const env = { NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ISSUER: 'https://issuer.example', ADMIN_TOKEN: `admin-${randomBytes(16).toString('hex')}`, SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'), DATABASE_URL: databaseUrl(name), REDIS_URL: redisUrl, REDIS_NAMESPACE: `distp-${id}`, LOG_LEVEL: 'warn' };

    const refused = runToExit('dist/services/token/main.mjs', env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`schema token is not migrated: migrations ${migrationsOf('token').join(', ')} not applied; run dist/migrate.mjs (npm run migrate) first, or set MIGRATE_ON_START=true\n`);
    const schemas = await new pg.Client({ connectionString: databaseUrl(name) });
    await schemas.connect();
    const owned = async () => (await schemas.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('token', 'auth_endpoint', 'consent', 'notifier') ORDER BY 1`)).rows.map((r) => r.schema_name);
    try {
      expect(await owned()).toEqual([]);

      const migrated = runToExit('dist/migrate.mjs', { DATABASE_URL: env.DATABASE_URL });
      expect([migrated.status, migrated.stderr]).toEqual([0, '']);
      expect(migrated.stdout).toContain(`applied migration token/${migrationsOf('token')[0]}`);
      expect(await owned()).toEqual(['auth_endpoint', 'consent', 'notifier', 'token']);
      const again = runToExit('dist/migrate.mjs', { DATABASE_URL: env.DATABASE_URL });
      expect([again.status, again.stderr]).toEqual([0, '']);
      expect(again.stdout).toContain('every schema is up to date');
    } finally {
      await schemas.end();
    }

    const token = await startDistProgram(dir, 'dist/services/token/main.mjs', env, `http://127.0.0.1:${port}/readyz`);
    await token.stop();
    expect(token.child.exitCode).toBe(0);
  }, 90_000);

  it('dist/migrate.mjs: a database it cannot reach is one line and exit 1, and it creates no database', () => {
    const missing = `ciba_dist_missing_${id}`;
    const run = runToExit('dist/migrate.mjs', { DATABASE_URL: databaseUrl(missing) });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`migration failed: schema token: database "${missing}" does not exist\n`);
  });
});
