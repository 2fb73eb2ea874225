import { CATEGORIES } from '../profile/categorize-profile.ts';
import type { SummaryRow } from './summarize.ts';
import { textTable } from './text-table.ts';

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`);

/** The server's share of self time per category, per workload and system (--cpu-prof); empty without profiles. */
export function formatProfileShares(rows: SummaryRow[]): string {
  const profiled = rows.filter((r) => r.profileShares);
  if (profiled.length === 0) return '';
  return textTable(
    ['workload', 'system', ...CATEGORIES],
    profiled.map((r) => [r.workload, r.system, ...CATEGORIES.map((c) => pct(r.profileShares![c]))]),
  );
}
