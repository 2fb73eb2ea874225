import { z } from 'zod';
import { baseEnv, ConfigError, emptyToUndefined, wholeNumber, loadConfig, settleBaseConfig, type BaseConfig } from '@ciba/service-kit';


/**
 * Environment of the consent dispatcher: the shared base (interfaces.md §1) plus how prompts reach
 * the user's channels (interfaces.md §4).
 */
export const consentEnv = baseEnv.extend({
  /**
   * Public base URL of this service; prompts carry `decision_uri = ${it}/device/decisions/<prompt_id>`.
   * Must be https in production. @defaultValue ISSUER
   */
  CONSENT_PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional()),
  /** Bound on one webhook call (connect, answer, body), milliseconds. @defaultValue 5000 */
  WEBHOOK_TIMEOUT_MS: wholeNumber('milliseconds', 5000, 100, 60_000),
  /**
   * Runs of the delivery job of one prompt (each tries every channel in order) before the prompt is
   * declared undeliverable. Retries stop early once the request expires. @defaultValue 5
   */
  CONSENT_DELIVERY_ATTEMPTS: wholeNumber('attempts', 5, 1, 50),
  /** First retry delay of the delivery job, doubled on each further retry, milliseconds. @defaultValue 3000 */
  CONSENT_DELIVERY_BACKOFF_MS: wholeNumber('milliseconds', 3000, 1, 3_600_000),
  /**
   * Prompts delivered in parallel by one process: first runs (in process, as soon as the prompt is
   * stored), and apart from them the runs of delivery jobs (retries, and prompts that found the first
   * runs busy). Each waits on the device gateway, so a process delivers about this many prompts per
   * gateway round trip: 64 keeps up with ~500 requests/s against a 100 ms gateway. @defaultValue 64
   */
  CONSENT_DELIVERY_CONCURRENCY: wholeNumber('prompts', 64, 1, 500),
  /**
   * Pause between expiry sweeps, which move pending prompts past `expires_at` to `expired` with
   * `ciba.consent.expired.v1` (ping clients get their ping, push clients `expired_token`). @defaultValue 1000
   */
  CONSENT_EXPIRY_SWEEP_MS: wholeNumber('milliseconds', 1000, 20, 60_000),
  /** Prompts expired per transaction of a sweep. @defaultValue 500 */
  CONSENT_EXPIRY_BATCH: wholeNumber('prompts', 500, 1, 10_000),
  /**
   * Pause between delivery reconciliations, which queue again the delivery of pending, undelivered,
   * unexpired prompts whose BullMQ job is gone (Redis keeps nothing on disk). @defaultValue 5000
   */
  CONSENT_RECONCILE_MS: wholeNumber('milliseconds', 5000, 20, 600_000),
  /**
   * Age below which the reconciler leaves a queued prompt alone: its first run may be under way in
   * another replica (this process knows its own). Keep it above the longest first run, about
   * `WEBHOOK_TIMEOUT_MS` × the most channels a user has; a prompt that waited half of it for a delivery
   * slot goes to the queue instead. @defaultValue 60000
   */
  CONSENT_RECONCILE_GRACE_MS: wholeNumber('milliseconds', 60_000, 100, 3_600_000),
  /**
   * Pause between checks of the event broker's epoch; after the broker restarted empty, the outbox
   * rows published within `OUTBOX_REPLAY_WINDOW_MS` go out again. @defaultValue 5000
   */
  BROKER_EPOCH_CHECK_MS: wholeNumber('milliseconds', 5000, 20, 600_000),
  /** How far back outbox rows are published again after a broker reset. @defaultValue 86400000 (24 h, the relay's retention) */
  OUTBOX_REPLAY_WINDOW_MS: wholeNumber('milliseconds', 86_400_000, 1000, 86_400_000),
});

export type ConsentEnv = z.infer<typeof consentEnv>;

/** The settled configuration of the consent dispatcher. */
export interface ConsentConfig extends BaseConfig {
  /** PostgreSQL schema owned by this service. */
  schema: string;
  /** Base URL (no trailing slash) where `/device/decisions/{prompt_id}` is served. */
  publicUrl: string;
  /** Milliseconds. */
  webhookTimeoutMs: number;
  deliveryAttempts: number;
  /** Milliseconds. */
  deliveryBackoffMs: number;
  deliveryConcurrency: number;
  /** Milliseconds between expiry sweeps. */
  expirySweepMs: number;
  expiryBatch: number;
  /** Milliseconds between delivery reconciliations. */
  reconcileMs: number;
  /** Milliseconds: prompts younger than this are not reconciled. */
  reconcileGraceMs: number;
  /** Milliseconds between broker epoch checks. */
  brokerEpochCheckMs: number;
  /** Milliseconds. */
  outboxReplayWindowMs: number;
}

/** Parses and settles the consent dispatcher's environment; a bad value throws a one-line `ConfigError`. */
export function loadConsentConfig(env: NodeJS.ProcessEnv = process.env): ConsentConfig {
  const parsed = loadConfig(consentEnv, env);
  const base = settleBaseConfig(parsed);
  const publicUrl = (parsed.CONSENT_PUBLIC_URL ?? base.issuer).replace(/\/+$/, '');
  if (base.production && !publicUrl.startsWith('https://')) {
    throw new ConfigError('invalid configuration: CONSENT_PUBLIC_URL: must be https:// when NODE_ENV=production');
  }
  return {
    ...base,
    schema: 'consent',
    publicUrl,
    webhookTimeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    deliveryAttempts: parsed.CONSENT_DELIVERY_ATTEMPTS,
    deliveryBackoffMs: parsed.CONSENT_DELIVERY_BACKOFF_MS,
    deliveryConcurrency: parsed.CONSENT_DELIVERY_CONCURRENCY,
    expirySweepMs: parsed.CONSENT_EXPIRY_SWEEP_MS,
    expiryBatch: parsed.CONSENT_EXPIRY_BATCH,
    reconcileMs: parsed.CONSENT_RECONCILE_MS,
    reconcileGraceMs: parsed.CONSENT_RECONCILE_GRACE_MS,
    brokerEpochCheckMs: parsed.BROKER_EPOCH_CHECK_MS,
    outboxReplayWindowMs: parsed.OUTBOX_REPLAY_WINDOW_MS,
  };
}
