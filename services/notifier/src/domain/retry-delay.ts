export interface RetryDelayInput {
  /** The attempt that just failed, 1-based. */
  attempt: number;
  /** Milliseconds. */
  baseMs: number;
  /** Milliseconds. */
  maxMs: number;
  /** The client's `Retry-After`, milliseconds: the minimum wait. */
  retryAfterMs?: number;
  /** Longest `Retry-After` honoured, milliseconds. */
  retryAfterMaxMs: number;
  /** [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * The wait before the next attempt: exponential backoff with full jitter, random in
 * [0, min(max, base·2^(attempt-1))] so clients failing together do not retry together, but never
 * shorter than the client's `Retry-After` (capped at `retryAfterMaxMs`).
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function retryDelay(input: RetryDelayInput): number {
  const random = input.random ?? Math.random;
  const ceiling = Math.min(input.maxMs, input.baseMs * 2 ** Math.min(Math.max(input.attempt - 1, 0), 40));
  const jittered = Math.floor(random() * (ceiling + 1));
  const minimum = input.retryAfterMs === undefined ? 0 : Math.min(Math.max(input.retryAfterMs, 0), input.retryAfterMaxMs);
  return Math.max(jittered, minimum);
}
