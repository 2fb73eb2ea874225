import type { Comparison } from './compare.ts';
import { formatNumber } from './format-number.ts';
import type { SummaryRow } from './summarize.ts';
import { textTable } from './text-table.ts';

/**
 * bc-authorize end to end: the sustained rate (accepted and prompted, over load + drain), the answered
 * rate beside it, how long the backlog took to drain, and request → prompt latency. Empty when no row has it.
 */
export function formatSustained(rows: SummaryRow[], comparisons: Comparison[]): string {
  const bc = rows.filter((r) => r.sustained);
  if (bc.length === 0) return '';
  const cmp = (system: string) => comparisons.find((c) => c.workload === 'bc-authorize' && c.system === system);
  return textTable(
    ['bc-authorize', 'sustained/s', 'answered/s', 'prompted of accepted', 'drain s', 'drained ≤ 2 s', 'prompt p50 ms', 'prompt p99 ms', 'ours/peer sustained', 'answered'],
    bc.map((r) => {
      const s = r.sustained!;
      const c = r.system === 'oidc-provider' ? undefined : cmp(r.system);
      return [
        r.system,
        formatNumber(s.perSec),
        formatNumber(r.opsPerSec),
        `${Math.round(s.acceptedPrompted)} of ${Math.round(s.accepted)}`,
        formatNumber(s.drainSeconds, 2),
        s.drainedWithin2s === 1 ? 'yes' : 'NO',
        formatNumber(s.promptP50),
        formatNumber(s.promptP99),
        c ? `${formatNumber(c.throughputRatio, 2)}×` : '',
        c ? `${formatNumber(c.answeredRatio, 2)}×` : '',
      ];
    }),
  );
}
