/** What one driver run measured. Latencies in milliseconds. */
export interface LoadResult {
  /** Operations that ended as the workload expects. */
  ok: number;
  /** Everything else: other answers, socket errors, timeouts. */
  errors: number;
  /** Counts of each kind of error (status and OAuth error code, or the exception's message). */
  errorKinds: Record<string, number>;
  /** Seconds of load. */
  seconds: number;
  /** ok / seconds. */
  opsPerSec: number;
  p50: number;
  p99: number;
}

/** Adds one to `kinds[kind]`, keeping at most 20 distinct kinds. */
export function countKind(kinds: Record<string, number>, kind: string): void {
  if (kind in kinds || Object.keys(kinds).length < 20) kinds[kind] = (kinds[kind] ?? 0) + 1;
  else kinds.other = (kinds.other ?? 0) + 1;
}
