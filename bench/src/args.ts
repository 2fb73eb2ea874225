import { parseArgs } from 'node:util';

export const WORKLOADS = ['bc-authorize', 'poll-pending', 'full-flow'] as const;
export type Workload = (typeof WORKLOADS)[number];
export const SYSTEMS = ['ours', 'oidc-provider'] as const;
export type SystemName = (typeof SYSTEMS)[number];
/** The measured servers: ours once per event bus and worker count (`ours`, `ours-kafka`, `ours-w2`, `ours-kafka-w2`), and the peer. */
export type SutName = 'oidc-provider' | `ours${string}`;
export const BUSES = ['redis', 'kafka'] as const;
export type Bus = (typeof BUSES)[number];
export const DELIVERY_MODES = ['poll', 'ping', 'push'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface BenchOptions {
  /** Seconds of load per workload and round. */
  duration: number;
  rounds: number;
  concurrency: number;
  /** Registered users on each system. */
  users: number;
  /** Pending requests created before poll-pending, polled round-robin. */
  pending: number;
  workloads: Workload[];
  systems: SystemName[];
  /** The event buses ours runs over, one instance each (`ours`, `ours-kafka`), measured side by side. */
  buses: Bus[];
  /** Process counts ours runs with (CIBA_WORKERS), one instance each: 1 is `ours`, n > 1 `ours-w<n>`. */
  workers: number[];
  /** --scale: pending requests made before the last bc-authorize step (0: no such step). */
  scalePending: number;
  /** An existing Kafka to use for `--bus kafka` instead of a private broker. */
  kafkaBrokers?: string[];
  /** Delivery modes of full-flow; ours runs every one it supports, the peer poll and ping. */
  modes: DeliveryMode[];
  /** Seconds between polls that a client would be told (CIBA_DEFAULT_INTERVAL of both servers). */
  interval: number;
  scale: boolean;
  /** --scale: concurrency steps and user counts. */
  scaleConcurrency: number[];
  scaleUsers: number[];
  /** Write V8 CPU profiles of both servers under <out>/profiles. */
  cpuProf: boolean;
  pgbench: boolean;
  out: string;
  quick: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --quick                 ~1-minute smoke run (1 round, 3 s per workload, small stores)
  --duration <s>          seconds of load per workload and round (default 10)
  --rounds <n>            A B rounds, at least 1 (default 3)
  --concurrency <n>       connections / virtual users (default 32)
  --users <n>             registered users on each system (default 1000)
  --pending <n>           pending requests polled by poll-pending (default 1000)
  --workloads <list>      comma list of ${WORKLOADS.join(', ')} (default all)
  --systems <list>        comma list of ${SYSTEMS.join(', ')} (default both)
  --bus <list>            event bus(es) ours runs over: ${BUSES.join(', ')} (default redis; redis,kafka runs
                          one instance of ours on each, side by side)
  --kafka-brokers <list>  a Kafka of your own for --bus kafka (host:port,…); default: a private broker
                          (tools/kafka/run-kafka.mjs) on a free port, whose CPU is measured; topics are not
                          prefixed, so give it a broker that no other system uses
  --workers <list>        process counts of ours (CIBA_WORKERS, node:cluster), one instance each, e.g. 1,2
                          (default 1; n > 1 is named ours-w<n>; CPU is that of its whole process tree)
  --modes <list>          full-flow delivery modes: ${DELIVERY_MODES.join(', ')} (default all)
  --interval <s>          CIBA interval of both servers (default 1)
  --scale                 measure how bc-authorize cost grows instead (concurrency and store size)
  --scale-concurrency <l> default 8,32,128
  --scale-users <list>    default 1000,100000,1000000 (e.g. 1e5 accepted)
  --scale-pending <n>     last --scale step: bc-authorize with n pending requests made first (default
                          100000, --quick 2000; 0 skips it)
  --cpu-prof              profile each server during each measurement (in-process V8 profiler), report
                          its self time by category; profiles under <out>/profiles/<system>/
  --no-pgbench            skip measuring PostgreSQL's commit rate
  --out <dir>             where results go (default bench/results)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name}: expected a whole number ≥ 1, got ${JSON.stringify(raw)}`);
  return value;
}

function list<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T[] {
  if (raw === undefined) return [...allowed];
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (unknown.length || items.length === 0) throw new Error(`--${name}: expected a comma list of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return [...new Set(items)] as T[];
}

function numbers(name: string, raw: string | undefined, fallback: number[]): number[] {
  if (raw === undefined) return fallback;
  return raw.split(',').map((s) => {
    const value = Number(s.trim());
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name}: expected a comma list of whole numbers ≥ 1, got ${JSON.stringify(raw)}`);
    return value;
  });
}

function brokers(raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0 || items.some((b) => !/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(b))) throw new Error(`--kafka-brokers: expected host:port[,host:port...], got ${JSON.stringify(raw)}`);
  return items;
}

/** Parses the command line of `npm run bench`; throws an Error with a one-line message on bad input. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      users: { type: 'string' },
      pending: { type: 'string' },
      workloads: { type: 'string' },
      systems: { type: 'string' },
      modes: { type: 'string' },
      bus: { type: 'string' },
      'kafka-brokers': { type: 'string' },
      interval: { type: 'string' },
      scale: { type: 'boolean', default: false },
      'scale-concurrency': { type: 'string' },
      'scale-users': { type: 'string' },
      'scale-pending': { type: 'string' },
      workers: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'no-pgbench': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const quick = values.quick!;
  return {
    quick,
    duration: positiveInt('duration', values.duration, quick ? 3 : 10),
    rounds: positiveInt('rounds', values.rounds, quick ? 1 : 3),
    concurrency: positiveInt('concurrency', values.concurrency, 32),
    users: positiveInt('users', values.users, quick ? 100 : 1000),
    pending: positiveInt('pending', values.pending, quick ? 200 : 1000),
    workloads: list('workloads', values.workloads, WORKLOADS),
    systems: list('systems', values.systems, SYSTEMS),
    modes: list('modes', values.modes, DELIVERY_MODES),
    buses: values.bus === undefined ? ['redis'] : list('bus', values.bus, BUSES),
    ...(values['kafka-brokers'] !== undefined ? { kafkaBrokers: brokers(values['kafka-brokers']) } : {}),
    interval: positiveInt('interval', values.interval, 1),
    scale: values.scale!,
    scaleConcurrency: numbers('scale-concurrency', values['scale-concurrency'], [8, 32, 128]),
    scaleUsers: numbers('scale-users', values['scale-users'], quick ? [1000, 10_000] : [1000, 100_000, 1_000_000]),
    workers: numbers('workers', values.workers, [1]).filter((n, i, all) => all.indexOf(n) === i),
    scalePending: values['scale-pending'] === '0' ? 0 : positiveInt('scale-pending', values['scale-pending'], quick ? 2000 : 100_000),
    cpuProf: values['cpu-prof']!,
    pgbench: !values['no-pgbench'],
    out: values.out ?? 'bench/results',
    help: values.help!,
  };
}
