import { z } from 'zod';
import { baseEnv, ConfigError, loadConfig, settleBaseConfig, type BaseConfig } from '@ciba/service-kit';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const whole = (unit: string, fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `expected a number of ${unit}` })
      .int(`expected a whole number of ${unit}`)
      .min(min, `must be at least ${min} ${unit}`)
      .max(max, `must be at most ${max} ${unit}`)
      .default(fallback),
  );

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
  WEBHOOK_TIMEOUT_MS: whole('milliseconds', 5000, 100, 60_000),
  /**
   * Runs of the delivery job of one prompt (each tries every channel in order) before the prompt is
   * declared undeliverable. Retries stop early once the request expires. @defaultValue 5
   */
  CONSENT_DELIVERY_ATTEMPTS: whole('attempts', 5, 1, 50),
  /** First retry delay of the delivery job, doubled on each further retry, milliseconds. @defaultValue 3000 */
  CONSENT_DELIVERY_BACKOFF_MS: whole('milliseconds', 3000, 1, 3_600_000),
  /** Prompts delivered in parallel by one process. @defaultValue 10 */
  CONSENT_DELIVERY_CONCURRENCY: whole('jobs', 10, 1, 200),
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
  };
}
