import { z } from 'zod';
import { deriveChannelKey, developmentMasterKey, parseKey, type ChannelKey } from '@ciba/channel-kit';
import { baseEnv, ConfigError, emptyToUndefined, loadConfig, wholeNumber, channelBusConfig, type ChannelBusConfig } from '@ciba/service-kit';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';

/** The channel this package serves: its topic is `ciba.channel-offers.webhook`, its group `channel.webhook`. */
export const WEBHOOK_CHANNEL = 'webhook';

const base64urlKey = z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{43,}={0,2}$/, 'expected at least 32 bytes as base64url').optional());

/**
 * Environment of the webhook channel run as its own process: the bus it consumes, its key, and the
 * bound on one webhook call. The shared variables keep their meaning (interfaces.md §1).
 */
export const webhookChannelEnv = baseEnv
  .pick({ NODE_ENV: true, REDIS_URL: true, KAFKA_BROKERS: true, KAFKA_TOPIC_PREFIX: true, KAFKA_PARTITIONS: true, KAFKA_REPLICATION_FACTOR: true, KAFKA_SESSION_TIMEOUT_MS: true, REDIS_NAMESPACE: true, LOG_LEVEL: true, METRICS_PORT: true, ADMIN_TOKEN: true, HOST: true })
  .extend({
    /** Bound on one webhook call (connect, answer, reading it), milliseconds; the offer's deadline bounds it too. @defaultValue 5000 */
    WEBHOOK_TIMEOUT_MS: wholeNumber('milliseconds', 5000, 100, 60_000),
    /** This channel's key (`npm run channel-key -- webhook`), base64url. Takes precedence over CHANNEL_MASTER_KEY. */
    CHANNEL_KEY: base64urlKey,
    /** The dispatcher's master key, base64url (≥ 32 bytes); the channel derives its own key from it. */
    CHANNEL_MASTER_KEY: base64urlKey,
    /** Port of `/healthz` and `/readyz` (Kubernetes probes); 0 picks a free one. @defaultValue 8090 */
    CHANNEL_HEALTH_PORT: wholeNumber('port', 8090, 0, 65535),
  });

export type WebhookChannelEnv = z.infer<typeof webhookChannelEnv>;

/** The settled configuration of the webhook channel process. */
export interface WebhookChannelConfig extends ChannelBusConfig {
  /** Milliseconds. */
  timeoutMs: number;
  key: ChannelKey;
  healthPort: number;
  host?: string;
}

/**
 * The channel's key: `CHANNEL_KEY`, else derived from `CHANNEL_MASTER_KEY`; in development only, derived
 * from `developmentMasterKey(ADMIN_TOKEN)` as the dispatcher does when it has no master key.
 */
function settleKey(env: WebhookChannelEnv, production: boolean): ChannelKey {
  if (env.CHANNEL_KEY) return parseKey(env.CHANNEL_KEY);
  if (env.CHANNEL_MASTER_KEY) return deriveChannelKey(parseKey(env.CHANNEL_MASTER_KEY), WEBHOOK_CHANNEL);
  if (production) throw new ConfigError('invalid configuration: CHANNEL_KEY: CHANNEL_KEY or CHANNEL_MASTER_KEY is required when NODE_ENV=production');
  if (!env.ADMIN_TOKEN) throw new ConfigError('invalid configuration: CHANNEL_KEY: set CHANNEL_KEY, CHANNEL_MASTER_KEY, or (development) the ADMIN_TOKEN the dispatcher uses');
  return deriveChannelKey(developmentMasterKey(env.ADMIN_TOKEN), WEBHOOK_CHANNEL);
}

/** Parses and settles the webhook channel's environment; a bad value throws a one-line `ConfigError`. */
export function loadWebhookChannelConfig(env: NodeJS.ProcessEnv = process.env): WebhookChannelConfig {
  const parsed = loadConfig(webhookChannelEnv, env);
  const production = parsed.NODE_ENV === 'production';
  return {
    ...channelBusConfig(parsed),
    timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    key: settleKey(parsed, production),
    healthPort: parsed.CHANNEL_HEALTH_PORT,
    host: parsed.HOST,
  };
}
