/** Backoff between attempts: exponential from `initialMs`, capped at `maxMs`, with ±20 % jitter. */
export interface RetryPolicy {
  /** @defaultValue 200 */
  initialMs: number;
  /** @defaultValue 5000 */
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialMs: 200, maxMs: 5000 };

/** The wait after failed attempt number `attempt` (1-based). */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const exponential = policy.initialMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped * (0.8 + Math.random() * 0.4));
}
