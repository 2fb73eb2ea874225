/**
 * Work per event of outbox → relay → Redis Streams bus → consumer groups, on this machine:
 * the relay's PostgreSQL statements, Redis commands (INFO commandstats of a private `redis-server`),
 * and this process' CPU. Rows are inserted by `pgbench` (its own processes, at a fixed rate, one row
 * per transaction like a request handler's), so only the pipeline's own work is counted here.
 *
 * A warm-up run goes first (JIT, connections); `--relays` mirrors the all-in-one process, which runs
 * four schemas' relays (the extra ones poll empty schemas).
 *
 *   npx tsx libs/event-bus/test/perf/measure-pipeline.ts [--events 3000] [--rate 1000] [--clients 4] [--groups 2] [--relays 4] [--linger ms]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { Client, Pool } from 'pg';
import { TOPICS } from '@ciba/contracts';
import { RedisStreamsBus } from '../../src/redis-streams/redis-streams-bus.ts';
import { startOutboxRelay } from '../../src/outbox/outbox-relay.ts';
import { seqOf } from '../support/sample-token-event.ts';
import { testLogger } from '../support/test-logger.ts';
import { OUTBOX_DDL } from '../support/outbox-ddl.ts';
import { sleep, waitFor } from '../support/wait-for.ts';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '3000' },
    rate: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '4' },
    groups: { type: 'string', default: '2' },
    keys: { type: 'string', default: '50' },
    relays: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '1000' },
    linger: { type: 'string' },
  },
});
const EVENTS = Number(args.events);
const RATE = Number(args.rate);
const CLIENTS = Number(args.clients);
const GROUPS = Number(args.groups);
const KEYS_PER_CLIENT = Number(args.keys);
const RELAYS = Number(args.relays);
const WARMUP = Number(args.warmup);
const LINGER = args.linger === undefined ? {} : { lingerMs: Number(args.linger) };

/** One row per transaction; keys are per pgbench client, so each key's rows commit in `perf_order` order. */
const INSERT_SCRIPT = `\\set k random(1, ${KEYS_PER_CLIENT})
INSERT INTO outbox_events (id, topic, key, envelope)
SELECT u, 'ciba.tokens', s, jsonb_build_object('specversion', '1.0', 'id', u, 'type', 'ciba.tokens.issued.v1', 'source', '/services/perf',
  'time', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'subject', s,
  'data', jsonb_build_object('request_id', gen_random_uuid(), 'client_id', 'client-1', 'grant_type', 'urn:openid:params:grant-type:ciba',
    'access_token_jti', nextval('perf_order')::text, 'refresh_token_issued', false))
FROM (SELECT gen_random_uuid() AS u, 'key-' || :client_id || '-' || :k AS s) g;
`;

async function main(): Promise<void> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const schemas = Array.from({ length: Math.max(RELAYS, 1) }, () => `perf_${randomBytes(5).toString('hex')}`);
  const schema = schemas[0] as string;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'bus-perf-'));
  try {
    const admin = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 3, retryStrategy: (n) => (n > 50 ? null : 100) });
    await waitFor('redis-server', () => admin.status === 'ready', 5000);
    for (const name of schemas) await pool.query(`CREATE SCHEMA "${name}"; SET search_path TO "${name}"; ${OUTBOX_DDL}; CREATE SEQUENCE perf_order; RESET search_path;`);

    const statements = countStatements();
    const bus = new RedisStreamsBus({ redisUrl: `redis://127.0.0.1:${port}`, namespace: 'perf', clientId: 'perf', logger: testLogger });
    const handled = new Array<number>(GROUPS).fill(0);
    const lastSeq = new Map<string, number>();
    const latencies: number[] = [];
    let disorder = 0;
    for (let g = 0; g < GROUPS; g += 1) {
      await bus.subscribe({
        group: `perf.g${g}`,
        topics: [TOPICS.tokens],
        handler: async (event) => {
          handled[g] = (handled[g] ?? 0) + 1;
          const slot = `${g}:${event.subject}`;
          const seq = seqOf(event);
          if ((lastSeq.get(slot) ?? -1) >= seq) disorder += 1;
          lastSeq.set(slot, seq);
          if (g === 0) latencies.push(Date.now() - Date.parse(event.time));
        },
      });
    }
    const relays = await Promise.all(schemas.map((name) => startOutboxRelay({ databaseUrl: DATABASE_URL, schema: name, bus, logger: testLogger, ...LINGER })));
    await sleep(1500);

    const script = join(dir, 'insert.sql');
    writeFileSync(script, INSERT_SCRIPT);
    if (WARMUP > 0) {
      await exited(pgbench(script, schema, WARMUP));
      await waitFor('the warm-up events', () => handled.every((n) => n >= WARMUP), 600_000);
      handled.fill(0);
      latencies.length = 0;
    }

    const idle = await snapshot(admin, statements);
    await sleep(2000);
    const idleEnd = await snapshot(admin, statements);
    const idleRate = rate(idle, idleEnd);

    const start = await snapshot(admin, statements);
    const elu = performance.eventLoopUtilization();
    const producer = pgbench(script, schema, EVENTS);
    await waitFor('every event in every group', () => handled.every((n) => n >= EVENTS), 600_000);
    const end = await snapshot(admin, statements);
    const busy = performance.eventLoopUtilization(elu);
    await exited(producer);

    const seconds = (end.at - start.at) / 1000;
    const perEvent = (value: number) => (value / EVENTS).toFixed(2);
    const redisByCommand = diff(start.redis, end.redis);
    const pgByKind = diff(start.pg, end.pg);
    const cpuMs = end.cpuMs - start.cpuMs;
    const idleCpuMs = idleRate.cpuMsPerS * seconds;
    const idleRedis = idleRate.redisPerS * seconds;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
    const redisTotal = sum(redisByCommand);
    console.log(
      JSON.stringify(
        {
          events: EVENTS,
          groups: GROUPS,
          rate: RATE,
          relays: RELAYS,
          ...LINGER,
          seconds: Number(seconds.toFixed(2)),
          perEvent: {
            cpuMs: Number(perEvent(cpuMs)),
            cpuMsLessIdle: Number(perEvent(cpuMs - idleCpuMs)),
            loopCpuMs: Number(perEvent(end.loopCpuMs - start.loopCpuMs)),
            pgStatements: Number(perEvent(sum(pgByKind))),
            redisCommands: Number(perEvent(redisTotal)),
            redisCommandsLessIdle: Number(perEvent(redisTotal - idleRedis)),
          },
          pgByKind: Object.fromEntries(Object.entries(pgByKind).map(([kind, n]) => [kind, n])),
          redisByCommand,
          idle: { cpuMsPerS: Number(idleRate.cpuMsPerS.toFixed(2)), redisPerS: Number(idleRate.redisPerS.toFixed(1)) },
          eventLoopUtilization: Number(busy.utilization.toFixed(3)),
          latencyMs: { p50: pct(50), p99: pct(99), max: latencies[latencies.length - 1] },
          disorder,
        },
        null,
        2,
      ),
    );
    await Promise.all(relays.map((relay) => relay.stop()));
    await bus.close();
    await admin.quit();
  } finally {
    for (const name of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`).catch(() => {});
    await pool.end();
    redisServer.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Snapshot {
  at: number;
  cpuMs: number;
  /** The event-loop thread alone (GC and JIT helper threads excluded), from /proc. */
  loopCpuMs: number;
  redis: Record<string, number>;
  pg: Record<string, number>;
}

async function snapshot(admin: Redis, statements: Record<string, number>): Promise<Snapshot> {
  const info = (await admin.info('commandstats')) as string;
  const redis: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    const [, name, calls] = match;
    if (name && calls && name !== 'info') redis[name] = Number(calls);
  }
  const cpu = process.cpuUsage();
  return { at: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000, loopCpuMs: loopCpuMs(), redis, pg: { ...statements } };
}

/** utime + stime of the main thread (clock ticks of 10 ms). */
function loopCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rate(a: Snapshot, b: Snapshot): { cpuMsPerS: number; redisPerS: number } {
  const seconds = (b.at - a.at) / 1000;
  return { cpuMsPerS: (b.cpuMs - a.cpuMs) / seconds, redisPerS: sum(diff(a.redis, b.redis)) / seconds };
}

function diff(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(b)) if (value - (a[key] ?? 0) > 0) out[key] = value - (a[key] ?? 0);
  return out;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Counts every statement any `pg` client of this process sends, by its first word. */
function countStatements(): Record<string, number> {
  const counts: Record<string, number> = {};
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...params: unknown[]) {
    const first = params[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '';
    const kind = text.trim().split(/\s+/)[0]?.toUpperCase() ?? '?';
    counts[kind] = (counts[kind] ?? 0) + 1;
    return (original as (...a: unknown[]) => unknown).apply(this, params);
  } as typeof original;
  return counts;
}

function pgbench(script: string, schema: string, events: number): ChildProcess {
  const perClient = Math.ceil(events / CLIENTS);
  if (perClient * CLIENTS !== events) throw new RangeError('--events and --warmup must be multiples of --clients');
  const url = new URL(DATABASE_URL);
  const child = spawn(
    'pgbench',
    ['-n', '-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', '-c', String(CLIENTS), '-j', '1', '-R', String(RATE), '-t', String(perClient), '-f', script, url.pathname.slice(1) || 'postgres'],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` } },
  );
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

if (spawnSync('pgbench', ['--version']).status !== 0) throw new Error('pgbench is required');
main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
