import { ratio } from '../stats/ratio.ts';
import { formatNumber } from './format-number.ts';
import type { SummaryRow } from './summarize.ts';
import { textTable } from './text-table.ts';

/** CPU seconds per operation of every process of ours but the load driver: server, PostgreSQL, Redis and, on Kafka, the broker. */
const systemCpu = (r: SummaryRow) => ['server', 'postgres', 'redis', 'kafka'].reduce((n, k) => n + (r.cpuPerOp[k] ?? 0), 0);
const ms = (seconds: number | undefined) => formatNumber(seconds === undefined ? undefined : seconds * 1000, 2);

/**
 * Ours over Redis Streams and over Kafka, workload by workload, from the same run: throughput, p99,
 * and the CPU one operation costs across our processes, of which the broker (the Java process) alone.
 * Empty unless both ran.
 */
export function formatBusComparison(rows: SummaryRow[]): string {
  const workloads = [...new Set(rows.map((r) => r.workload))];
  const pairs = workloads
    .map((workload) => ({ redis: rows.find((r) => r.workload === workload && r.system === 'ours'), kafka: rows.find((r) => r.workload === workload && r.system === 'ours-kafka') }))
    .filter((p): p is { redis: SummaryRow; kafka: SummaryRow } => p.redis !== undefined && p.kafka !== undefined);
  if (pairs.length === 0) return '';
  return textTable(
    ['workload', 'ops/s redis', 'ops/s kafka', 'kafka/redis', 'p99 redis', 'p99 kafka', 'CPU ms/op redis', 'CPU ms/op kafka', 'of it broker', 'server redis', 'server kafka'],
    pairs.map(({ redis, kafka }) => [
      redis.workload,
      formatNumber(redis.opsPerSec),
      formatNumber(kafka.opsPerSec),
      `${formatNumber(ratio(kafka.opsPerSec, redis.opsPerSec), 2)}×`,
      formatNumber(redis.p99),
      formatNumber(kafka.p99),
      ms(systemCpu(redis)),
      ms(systemCpu(kafka)),
      ms(kafka.cpuPerOp.kafka),
      ms(redis.cpuPerOp.server),
      ms(kafka.cpuPerOp.server),
    ]),
  );
}
