import type { Comparison } from './compare.ts';
import { formatBusComparison } from './format-bus-comparison.ts';
import { formatNumber, formatPercent } from './format-number.ts';
import { formatCpuByProcess } from './format-cpu-by-process.ts';
import { formatProfileShares } from './format-profile-shares.ts';
import { formatSustained } from './format-sustained.ts';
import { headlineRate, type SummaryRow } from './summarize.ts';
import type { TargetResult } from './targets.ts';
import { textTable } from './text-table.ts';

const ms = (seconds: number | undefined) => formatNumber(seconds === undefined ? undefined : seconds * 1000, 2);

/**
 * The human report: one line per workload and system (medians over rounds; ops/s is bc-authorize's
 * sustained rate, the answered rate in its own table; the spread as ± half the
 * range relative to the median, CPU milliseconds per operation of the server process, of its event-loop
 * thread alone, of its stores and of the load driver), the store costs per operation and the cores
 * all processes kept busy while the load ran, CPU per operation of every process, bc-authorize's
 * sustained rate and drain, the server's time by category (with --cpu-prof), ours over each event bus
 * side by side (when both ran), the ratios ours/peer and a PASS/MISS line per target.
 */
export function formatReport(rows: SummaryRow[], comparisons: Comparison[], targets: TargetResult[]): string {
  const ratioOf = (workload: string, system: string) => comparisons.find((c) => c.workload === workload && c.system === system);
  const main = textTable(
    ['workload', 'system', 'ops/s', 'spread', 'p50 ms', 'p99 ms', 'errors', 'CPU ms/op server', 'event loop', 'stores', 'driver', 'ours/peer'],
    rows.map((r) => [
      r.workload,
      r.system,
      formatNumber(headlineRate(r)),
      formatPercent(r.spread.relative),
      formatNumber(r.p50),
      formatNumber(r.p99),
      String(r.errors),
      ms(r.cpuPerOp.server),
      ms(r.cpuPerOp.server_main),
      ms(Object.entries(r.cpuPerOp).filter(([k]) => !['server', 'server_main', 'driver'].includes(k)).reduce((n, [, v]) => n + v, 0)),
      ms(r.cpuPerOp.driver),
      r.system !== 'oidc-provider' ? `${formatNumber(ratioOf(r.workload, r.system)?.throughputRatio, 2)}×` : '',
    ]),
  );
  const stores = textTable(
    ['workload', 'system', 'pg xacts/op', 'WAL flushes/op', 'redis cmds/op', 'postgres ms/op', 'redis ms/op', 'kafka ms/op', 'settle s', 'token req/flow', 'cores busy'],
    rows.map((r) => [
      r.workload,
      r.system,
      formatNumber(r.storePerOp.pg_commits, 2),
      formatNumber(r.storePerOp.pg_wal_syncs, 2),
      formatNumber(r.storePerOp.redis_commands, 1),
      ms(r.cpuPerOp.postgres),
      ms(r.cpuPerOp.redis),
      ms(r.cpuPerOp.kafka),
      formatNumber(r.settleSeconds, 1),
      formatNumber(r.extra.tokenRequestsPerFlow, 2),
      formatNumber(Object.entries(r.coresDuringLoad).filter(([k]) => k !== 'server_main').reduce((n, [, v]) => n + v, 0), 2),
    ]),
  );
  const errors = rows
    .filter((r) => r.errors > 0)
    .map((r) => `  ${r.workload} ${r.system}: ${Object.entries(r.errorKinds).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const verdicts = targets.map((t) => `${t.pass ? 'PASS' : 'MISS'}  ${t.target}: measured ${formatNumber(t.measured, 2)}`);
  const buses = formatBusComparison(rows);
  const sustained = formatSustained(rows, comparisons);
  const shares = formatProfileShares(rows);
  return [
    main,
    '',
    stores,
    '',
    'CPU ms per operation, by process (load and drain):',
    formatCpuByProcess(rows),
    ...(sustained ? ['', 'bc-authorize sustained = accepted and prompted / (load + drain until the last prompt):', sustained] : []),
    ...(shares ? ['', "server's self time by category (--cpu-prof, main thread of each process):", shares] : []),
    ...(buses ? ['', 'ours by event bus (same run; CPU: server + PostgreSQL + Redis + broker):', buses] : []), ...(errors.length ? ['', 'errors:', ...errors] : []), '', ...verdicts].join('\n');
}
