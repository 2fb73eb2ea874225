import { z } from 'zod';
import { baseEnv, ConfigError, wholeNumber, loadConfig, settleBaseConfig, type BaseConfig } from '@ciba/service-kit';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';


/**
 * Environment of the notifier: the shared base (interfaces.md §1) plus how ping and push callbacks
 * (CIBA Core §10.2, §10.3) are delivered and retried.
 */
export const notifierEnv = baseEnv.extend({
  /** Bound on one callback: connecting, waiting for the answer and reading it, milliseconds. @defaultValue 5000 */
  NOTIFY_TIMEOUT_MS: wholeNumber('milliseconds', 5000, 100, 60_000),
  /** Delivery attempts of one notification before it is declared failed. @defaultValue 8 */
  NOTIFY_MAX_ATTEMPTS: wholeNumber('attempts', 8, 1, 50),
  /**
   * Base of the exponential backoff between attempts (full jitter: the wait after attempt n is random
   * in [0, min(max, base·2^(n-1))]), milliseconds. @defaultValue 1000
   */
  NOTIFY_BACKOFF_BASE_MS: wholeNumber('milliseconds', 1000, 1, 3_600_000),
  /** Cap of the backoff between attempts, milliseconds. @defaultValue 120000 */
  NOTIFY_BACKOFF_MAX_MS: wholeNumber('milliseconds', 120_000, 1, 86_400_000),
  /** A client's `Retry-After` is honoured as the minimum wait, up to this, milliseconds. @defaultValue 3600000 */
  NOTIFY_RETRY_AFTER_MAX_MS: wholeNumber('milliseconds', 3_600_000, 0, 86_400_000),
  /** Retries (BullMQ jobs) delivered in parallel by one process. @defaultValue 10 */
  NOTIFY_CONCURRENCY: wholeNumber('jobs', 10, 1, 500),
  /**
   * First attempts one process makes itself, right after recording the decision, at once; a decision
   * beyond that goes to the retry queue at once. 0 sends every notification through the queue.
   * @defaultValue 64
   */
  NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT: wholeNumber('notifications', 64, 0, 10_000),
  /**
   * How often pending notifications that no run holds and whose queue job is gone (Redis lost it, or
   * the process making the first attempt died) are queued again, milliseconds. @defaultValue 5000
   */
  NOTIFY_RECONCILE_INTERVAL_MS: wholeNumber('milliseconds', 5000, 50, 3_600_000),
});

export type NotifierEnv = z.infer<typeof notifierEnv>;

/** Backoff of failed attempts. */
export interface NotifierBackoff {
  /** Milliseconds. */
  baseMs: number;
  /** Milliseconds. */
  maxMs: number;
  /** Milliseconds. */
  retryAfterMaxMs: number;
}

/** The settled configuration of the notifier. */
export interface NotifierConfig extends BaseConfig {
  /** PostgreSQL schema owned by this service. */
  schema: string;
  /** Milliseconds. */
  timeoutMs: number;
  maxAttempts: number;
  backoff: NotifierBackoff;
  concurrency: number;
  /** First attempts made in process at once (`NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT`). */
  firstAttemptsInFlight: number;
  /** Milliseconds. */
  reconcileIntervalMs: number;
}

/** Parses and settles the notifier's environment; a bad value throws a one-line `ConfigError`. */
export function loadNotifierConfig(env: NodeJS.ProcessEnv = process.env): NotifierConfig {
  const parsed = loadConfig(notifierEnv, env);
  const base = settleBaseConfig(parsed);
  if (parsed.NOTIFY_BACKOFF_MAX_MS < parsed.NOTIFY_BACKOFF_BASE_MS) {
    throw new ConfigError('invalid configuration: NOTIFY_BACKOFF_MAX_MS: must be at least NOTIFY_BACKOFF_BASE_MS');
  }
  return {
    ...base,
    schema: 'notifier',
    timeoutMs: parsed.NOTIFY_TIMEOUT_MS,
    maxAttempts: parsed.NOTIFY_MAX_ATTEMPTS,
    backoff: { baseMs: parsed.NOTIFY_BACKOFF_BASE_MS, maxMs: parsed.NOTIFY_BACKOFF_MAX_MS, retryAfterMaxMs: parsed.NOTIFY_RETRY_AFTER_MAX_MS },
    concurrency: parsed.NOTIFY_CONCURRENCY,
    firstAttemptsInFlight: parsed.NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT,
    reconcileIntervalMs: parsed.NOTIFY_RECONCILE_INTERVAL_MS,
  };
}
