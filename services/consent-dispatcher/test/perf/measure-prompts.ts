/**
 * Work per consent prompt of the dispatcher's hot path, on this machine: `created` event (on a Redis
 * Streams bus of a private `redis-server`) → prompt stored → offer to the webhook channel (run here by
 * `runChannel`, a loopback receiver answering 200) → outcome → delivered event in the outbox, then
 * the device's `POST /device/decisions/{prompt_id}` for each. Counts the PostgreSQL statements (round
 * trips) the service's pool sends and those of the outbox relay apart, Redis commands (INFO
 * commandstats: the bus), this process' CPU (the channel, the receiver and the driver run here too,
 * the same before and after a change) and the local PostgreSQL server's CPU (from /proc; any other
 * work on that server counts too). The sweepers and the broker-epoch check are slowed to once a
 * minute so that only the per-prompt work is counted.
 *
 *   npx tsx services/consent-dispatcher/test/perf/measure-prompts.ts [--prompts 500] [--parallel 8] [--warmup 100]
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { deriveChannelKey, runChannel } from '@ciba/channel-kit';
import { TOPICS } from '@ciba/contracts';
import { RedisStreamsBus } from '@ciba/event-bus';
import { createRedis } from '@ciba/service-kit';
import { loadConsentConfig } from '../../src/config.ts';
import { createConsentDispatcherService } from '../../src/service.ts';
import { createdEvent } from '../support/created-event.ts';
import { postDecision } from '../support/post-decision.ts';
import { startPrivateRedis } from '../support/private-redis.ts';
import { startReceivers, type Received } from '../support/receivers.ts';
import { serve } from '../support/serve.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { waitFor } from '@ciba/test-support';
import { TestAuthRequests } from '../support/test-auth-requests.ts';
import { TestDirectory } from '../support/test-directory.ts';
import { testWebhookDeliverer } from '../support/test-webhook-deliverer.ts';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/ciba';

const { values: args } = parseArgs({
  options: {
    prompts: { type: 'string', default: '500' },
    parallel: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '100' },
  },
});
const PROMPTS = Number(args.prompts);
const PARALLEL = Number(args.parallel);
const WARMUP = Number(args.warmup);

/** Statements by origin (`pool`: the service's pool, Prisma's included; `other`: the relay's and the watch's sessions) and first word. */
const counts: Record<string, number> = {};
const uncounted = new WeakSet<object>();
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client & { release?: unknown }, ...params: unknown[]) {
  if (!uncounted.has(this)) {
    const first = params[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '';
    const origin = typeof this.release === 'function' ? 'pool' : 'other';
    const word = text.trim().split(/\s+/)[0]?.toUpperCase() ?? '?';
    counts[`${origin} ${word}`] = (counts[`${origin} ${word}`] ?? 0) + 1;
  }
  return (original as (...a: unknown[]) => unknown).apply(this, params);
} as typeof pg.Client.prototype.query;

interface Snapshot {
  cpuMs: number;
  postgresCpuMs: number;
  redis: Record<string, number>;
  pg: Record<string, number>;
}

/**
 * CPU of the local PostgreSQL server's processes (all databases: anyone else's work on the machine's
 * server counts too), from /proc: its live processes, plus what its ended backends left to the
 * postmaster (cutime/cstime). NaN where /proc shows no PostgreSQL.
 */
function postgresCpuMs(): number {
  let ticks = 0;
  let found = false;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number) as [number, number, number, number];
      ticks += utime + stime + cutime + cstime;
      found = true;
    } catch {
      // ended meanwhile
    }
  }
  return found ? ticks * 10 : Number.NaN; // USER_HZ = 100
}

async function snapshot(admin: Redis): Promise<Snapshot> {
  const info = await admin.info('commandstats');
  const redis: Record<string, number> = {};
  for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (name && calls && name !== 'info') redis[name] = Number(calls);
  const cpu = process.cpuUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs: postgresCpuMs(), redis, pg: { ...counts } };
}

function diff(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(b)) if (value - (a[key] ?? 0) > 0) out[key] = value - (a[key] ?? 0);
  return out;
}

const sum = (c: Record<string, number>, prefix = '') => Object.entries(c).reduce((n, [k, v]) => (k.startsWith(prefix) ? n + v : n), 0);
const per = (n: number, ops: number) => Number((n / ops).toFixed(2));

function report(name: string, ops: number, a: Snapshot, b: Snapshot) {
  const pgDiff = diff(a.pg, b.pg);
  const redisDiff = diff(a.redis, b.redis);
  return {
    phase: name,
    ops,
    perOp: {
      poolStatements: per(sum(pgDiff, 'pool '), ops),
      relayStatements: per(sum(pgDiff, 'other '), ops),
      redisCommands: per(sum(redisDiff), ops),
      cpuMs: per(b.cpuMs - a.cpuMs, ops),
      postgresCpuMs: per(b.postgresCpuMs - a.postgresCpuMs, ops),
    },
    statements: Object.fromEntries(Object.entries(pgDiff).map(([k, v]) => [k, per(v, ops)])),
    redis: Object.fromEntries(Object.entries(redisDiff).map(([k, v]) => [k, per(v, ops)])),
  };
}

/** Runs `task` for each item, `parallel` at a time. */
async function inParallel<T>(items: readonly T[], parallel: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) await task(items[next++] as T);
  }));
}

async function main(): Promise<void> {
  const suffix = randomBytes(6).toString('hex');
  const schema = `consent_perf_${suffix}`;
  const redisServer = await startPrivateRedis();
  const receivers = await startReceivers();
  const redis = createRedis(redisServer.url, 'consent-perf');
  const admin = new Redis(redisServer.url);
  const sql = new pg.Client({ connectionString: DATABASE_URL });
  uncounted.add(sql);
  const bus = new RedisStreamsBus({ redisUrl: redisServer.url, namespace: `perf_${suffix}`, clientId: 'consent-perf', logger: silentLogger, blockMs: 100 });
  const directory = new TestDirectory();
  const config = loadConsentConfig({
    DATABASE_URL,
    CONSENT_PUBLIC_URL: 'http://consent.test',
    CONSENT_EXPIRY_SWEEP_MS: '60000',
    CONSENT_OFFER_SWEEP_MS: '60000',
    BROKER_EPOCH_CHECK_MS: '60000',
    LOG_LEVEL: 'silent',
  });
  const service = await createConsentDispatcherService({
    config,
    logger: silentLogger,
    bus,
    directory: directory.port(),
    authRequests: new TestAuthRequests().port(),
    redis,
    schema,
    busNamespace: `perf_${suffix}`,
  });
  await service.start();
  const webhook = testWebhookDeliverer(5000);
  const channel = await runChannel({ bus, deliverer: webhook, key: deriveChannelKey(config.channelMasterKey, 'webhook'), logger: silentLogger });
  const app = await serve(service.router);
  await sql.connect();
  const delivered = async () => Number((await sql.query(`SELECT count(*) AS n FROM "${schema}".consent_prompts WHERE delivery_status = 'delivered'`)).rows[0].n);
  const published = async (type: string) =>
    Number((await sql.query(`SELECT count(*) AS n FROM "${schema}".outbox_events WHERE envelope->>'type' = $1 AND published_at IS NOT NULL`, [type])).rows[0].n);

  const run = async (n: number, offset: number) => {
    const events = Array.from({ length: n }, (_, i) => {
      const sub = `user${offset + i}`;
      directory.users.set(sub, [{ type: 'webhook', url: `${receivers.base}/ok/${sub}` }]);
      return createdEvent(sub);
    });
    const deliveredBefore = await published('ciba.consent_prompt.delivered.v1');
    await inParallel(events, PARALLEL, (event) => bus.publish([{ topic: TOPICS.authRequests, key: event.subject, event }]));
    await waitFor(async () => (await delivered()) >= offset + n && (await published('ciba.consent_prompt.delivered.v1')) >= deliveredBefore + n, 120_000, 'every prompt delivered and its event relayed');
    return receivers.received.slice(-n);
  };
  const decide = async (got: readonly Received[]) => {
    const before = await published('ciba.consent.granted.v1');
    await inParallel(got, PARALLEL, async (r) => {
      const res = await postDecision(`${app.url}${new URL(String(r.body.decision_uri)).pathname}`, String(r.body.decision_token), { decision: 'approve' });
      if (res.status !== 200) throw new Error(`decision answered ${res.status}`);
    });
    await waitFor(async () => (await published('ciba.consent.granted.v1')) >= before + got.length, 60_000, 'every granted event relayed');
  };

  try {
    if (WARMUP > 0) await decide(await run(WARMUP, 0));
    const a = await snapshot(admin);
    const elu = performance.eventLoopUtilization();
    const got = await run(PROMPTS, WARMUP);
    const b = await snapshot(admin);
    await decide(got);
    const c = await snapshot(admin);
    console.log(
      JSON.stringify(
        { prompts: PROMPTS, parallel: PARALLEL, eventLoopUtilization: Number(performance.eventLoopUtilization(elu).utilization.toFixed(3)), phases: [report('created → delivered', PROMPTS, a, b), report('decision', PROMPTS, b, c)] },
        null,
        2,
      ),
    );
  } finally {
    await channel.close();
    await service.stop();
    await bus.close();
    await app.close();
    await receivers.close();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
    redis.disconnect();
    admin.disconnect();
    await redisServer.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
