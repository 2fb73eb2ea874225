/** A number for a table cell: '–' when not finite, otherwise with at most `digits` decimals, thousands unseparated. */
export function formatNumber(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(Math.min(digits, 1));
  return value.toFixed(digits);
}

/** A fraction as a percentage ('±12%'). */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `±${Math.round(fraction * 50)}%` : '–';
}
