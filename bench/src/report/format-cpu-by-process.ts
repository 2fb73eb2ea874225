import { formatNumber } from './format-number.ts';
import type { SummaryRow } from './summarize.ts';
import { textTable } from './text-table.ts';

/** The processes whose CPU is charged to an operation, in the order printed (`server_main` is part of `server`). */
const PROCESSES = [
  ['server', 'server'],
  ['server_main', 'of it event loop'],
  ['postgres', 'PostgreSQL'],
  ['redis', 'redis-server'],
  ['kafka', 'Kafka JVM'],
  ['driver', 'bench process'],
] as const;

const ms = (seconds: number | undefined) => formatNumber(seconds === undefined ? undefined : seconds * 1000, 2);

/** CPU milliseconds per operation of every process, per workload and system, and their sum (all but `server_main`). */
export function formatCpuByProcess(rows: SummaryRow[]): string {
  const shown = PROCESSES.filter(([key]) => rows.some((r) => r.cpuPerOp[key] !== undefined));
  return textTable(
    ['workload', 'system', ...shown.map(([, title]) => title), 'all processes'],
    rows.map((r) => [
      r.workload,
      r.system,
      ...shown.map(([key]) => ms(r.cpuPerOp[key])),
      ms(Object.entries(r.cpuPerOp).filter(([k]) => k !== 'server_main').reduce((n, [, v]) => n + (Number.isFinite(v) ? v : 0), 0)),
    ]),
  );
}
