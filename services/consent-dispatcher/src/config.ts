import { z } from 'zod';
import { baseEnv, ConfigError, emptyToUndefined, wholeNumber, loadConfig, settleBaseConfig, type BaseConfig } from '@ciba/service-kit';
import { parseChannelDeadlines, type ChannelDeadlines } from './config/parse-channel-deadlines.ts';
import { settleMasterKey } from './config/settle-master-key.ts';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';


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
  /**
   * The dispatcher's channel master key (base64url, at least 32 bytes): each channel's offers are
   * sealed under a key derived from it per channel (`deriveChannelKey`), so a channel opens only its
   * own. Required in production; in development it derives from `ADMIN_TOKEN`.
   */
  CHANNEL_MASTER_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  /** How long a channel has to answer an offer before the next channel is offered, milliseconds. @defaultValue 30000 */
  CONSENT_CHANNEL_DEADLINE_MS: wholeNumber('milliseconds', 30_000, 100, 3_600_000),
  /**
   * Per-channel deadlines overriding `CONSENT_CHANNEL_DEADLINE_MS`: `<channel>=<ms>` pairs separated by
   * commas, a channel being a built-in type or a plug-in's name, e.g. `webhook=10000,push=15000,sms=60000`.
   * @defaultValue none
   */
  CONSENT_CHANNEL_DEADLINES: z.preprocess(emptyToUndefined, z.string().optional()),
  /**
   * Delivery rounds of a prompt: each offers it to the user's channels in order, one after the other,
   * until one delivers; after the last round it is undeliverable. Rounds stop once the request expires.
   * @defaultValue 5
   */
  CONSENT_DELIVERY_ATTEMPTS: wholeNumber('attempts', 5, 1, 50),
  /** Pause before round 2, doubled before each further round, milliseconds. @defaultValue 3000 */
  CONSENT_DELIVERY_BACKOFF_MS: wholeNumber('milliseconds', 3000, 1, 3_600_000),
  /**
   * Pause between offer sweeps, which time out offers past their deadline (then offer the next
   * channel) and make the offers that are due (next rounds, and those a stopped process left). @defaultValue 1000
   */
  CONSENT_OFFER_SWEEP_MS: wholeNumber('milliseconds', 1000, 20, 60_000),
  /**
   * How long a process may take to make an offer it started (directory look-ups, sealing, the write)
   * before another replica's sweep makes it instead; the offer is written once either way. @defaultValue 15000
   */
  CONSENT_OFFER_LEASE_MS: wholeNumber('milliseconds', 15_000, 100, 600_000),
  /**
   * Pause between expiry sweeps, which move pending prompts past `expires_at` to `expired` with
   * `ciba.consent.expired.v1` (ping clients get their ping, push clients `expired_token`). @defaultValue 1000
   */
  CONSENT_EXPIRY_SWEEP_MS: wholeNumber('milliseconds', 1000, 20, 60_000),
  /** Prompts expired per transaction of a sweep. @defaultValue 500 */
  CONSENT_EXPIRY_BATCH: wholeNumber('prompts', 500, 1, 10_000),
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
  /** The channel master key (CHANNEL_MASTER_KEY, or the development key). */
  channelMasterKey: Uint8Array;
  /** Milliseconds a channel has to answer, by channel name; `default` for the others. */
  channelDeadlines: ChannelDeadlines;
  /** Delivery rounds. */
  deliveryAttempts: number;
  /** Milliseconds before round 2, doubled each further round. */
  deliveryBackoffMs: number;
  /** Milliseconds between offer sweeps. */
  offerSweepMs: number;
  /** Milliseconds a process holds an offer it is making. */
  offerLeaseMs: number;
  /** Milliseconds between expiry sweeps. */
  expirySweepMs: number;
  expiryBatch: number;
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
    channelMasterKey: settleMasterKey(parsed.CHANNEL_MASTER_KEY, base),
    channelDeadlines: parseChannelDeadlines(parsed.CONSENT_CHANNEL_DEADLINES, parsed.CONSENT_CHANNEL_DEADLINE_MS),
    deliveryAttempts: parsed.CONSENT_DELIVERY_ATTEMPTS,
    deliveryBackoffMs: parsed.CONSENT_DELIVERY_BACKOFF_MS,
    offerSweepMs: parsed.CONSENT_OFFER_SWEEP_MS,
    offerLeaseMs: parsed.CONSENT_OFFER_LEASE_MS,
    expirySweepMs: parsed.CONSENT_EXPIRY_SWEEP_MS,
    expiryBatch: parsed.CONSENT_EXPIRY_BATCH,
    brokerEpochCheckMs: parsed.BROKER_EPOCH_CHECK_MS,
    outboxReplayWindowMs: parsed.OUTBOX_REPLAY_WINDOW_MS,
  };
}
