import { UsageError } from './usage-error.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `5m`, `1h`, `250ms` (a bare number is seconds) to milliseconds, from 1 s to 7 days. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${option}: expected a duration such as 30s, 5m or 1h`);
  const ms = Number(match[1]) * UNITS[match[2] ?? 's']!;
  if (ms < 1000 || ms > 7 * 86_400_000) throw new UsageError(`${option}: expected from 1s to 168h`);
  return ms;
}
