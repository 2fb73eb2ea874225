import { z } from 'zod';
import { deriveChannelKey, developmentMasterKey, parseKey, type ChannelKey } from '@ciba/channel-kit';
import { baseEnv, ConfigError, emptyToUndefined, loadConfig, wholeNumber, channelBusConfig, type ChannelBusConfig } from '@ciba/service-kit';
import { loadServiceAccount } from './fcm/load-service-account.ts';
import { PUSH_CHANNEL, type PushDelivererConfig } from './push-deliverer.ts';
import { checkVapidKeys } from './webpush/check-vapid-keys.ts';
import type { VapidKeys } from './webpush/vapid-keys.ts';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';

const base64urlKey = z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{43,}={0,2}$/, 'expected at least 32 bytes as base64url').optional());
const optionalText = z.preprocess(emptyToUndefined, z.string().optional());
const base64url = z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url').optional());

/**
 * Environment of the push channel run as its own process: the bus it consumes, its key, and the
 * credentials of each push provider. A provider left unset fails its entries `not_configured` (the
 * dispatcher moves on to the user's next channel). The shared variables keep their meaning.
 */
export const pushChannelEnv = baseEnv
  .pick({ NODE_ENV: true, REDIS_URL: true, KAFKA_BROKERS: true, KAFKA_TOPIC_PREFIX: true, KAFKA_PARTITIONS: true, KAFKA_REPLICATION_FACTOR: true, KAFKA_SESSION_TIMEOUT_MS: true, REDIS_NAMESPACE: true, LOG_LEVEL: true, METRICS_PORT: true, ADMIN_TOKEN: true, HOST: true })
  .extend({
    /** Bound on one provider call (token endpoint, FCM, push service), milliseconds; the offer's deadline bounds it too. @defaultValue 5000 */
    PUSH_TIMEOUT_MS: wholeNumber('milliseconds', 5000, 100, 60_000),
    /**
     * FCM HTTP v1: the Google service-account key (JSON with `project_id`, `client_email`,
     * `private_key`, `token_uri`), given as the JSON itself or the path of its file. Unset: FCM
     * entries fail `not_configured`. Production: `token_uri` must be https.
     */
    FCM_SERVICE_ACCOUNT_JSON: optionalText,
    /** Base URL of the FCM API (`<base>/v1/projects/<project_id>/messages:send`). Production: https. @defaultValue https://fcm.googleapis.com */
    FCM_BASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).default('https://fcm.googleapis.com')),
    /** Web Push (RFC 8292): the VAPID public key, uncompressed P-256, base64url (what browsers take as `applicationServerKey`). */
    VAPID_PUBLIC_KEY: base64url,
    /** Web Push: the VAPID private key, 32 bytes base64url. Set all three VAPID variables or none. */
    VAPID_PRIVATE_KEY: base64url,
    /** Web Push: a contact for the push services, `mailto:` or `https:`. */
    VAPID_SUBJECT: optionalText,
    /** This channel's key (`npm run channel-key -- push`), base64url. Takes precedence over CHANNEL_MASTER_KEY. */
    CHANNEL_KEY: base64urlKey,
    /** The dispatcher's master key, base64url (≥ 32 bytes); the channel derives its own key from it. */
    CHANNEL_MASTER_KEY: base64urlKey,
    /** Port of `/healthz` and `/readyz` (Kubernetes probes); 0 picks a free one. @defaultValue 8093 */
    CHANNEL_HEALTH_PORT: wholeNumber('port', 8093, 0, 65535),
  });

export type PushChannelEnv = z.infer<typeof pushChannelEnv>;

/** The settled configuration of the push channel process; it is also the deliverer's configuration. */
export interface PushChannelConfig extends PushDelivererConfig, ChannelBusConfig {
  key: ChannelKey;
  healthPort: number;
  host?: string;
}

const invalid = (message: string) => new ConfigError(`invalid configuration: ${message}`);

/**
 * The channel's key: `CHANNEL_KEY`, else derived from `CHANNEL_MASTER_KEY`; in development only, derived
 * from `developmentMasterKey(ADMIN_TOKEN)` as the dispatcher does when it has no master key.
 */
function settleKey(env: PushChannelEnv, production: boolean): ChannelKey {
  if (env.CHANNEL_KEY) return parseKey(env.CHANNEL_KEY);
  if (env.CHANNEL_MASTER_KEY) return deriveChannelKey(parseKey(env.CHANNEL_MASTER_KEY), PUSH_CHANNEL);
  if (production) throw invalid('CHANNEL_KEY: CHANNEL_KEY or CHANNEL_MASTER_KEY is required when NODE_ENV=production');
  if (!env.ADMIN_TOKEN) throw invalid('CHANNEL_KEY: set CHANNEL_KEY, CHANNEL_MASTER_KEY, or (development) the ADMIN_TOKEN the dispatcher uses');
  return deriveChannelKey(developmentMasterKey(env.ADMIN_TOKEN), PUSH_CHANNEL);
}

function settleFcm(env: PushChannelEnv, production: boolean): PushDelivererConfig['fcm'] {
  if (production && !env.FCM_BASE_URL.startsWith('https://')) throw invalid('FCM_BASE_URL: must be https:// when NODE_ENV=production');
  if (!env.FCM_SERVICE_ACCOUNT_JSON) return undefined;
  let serviceAccount;
  try {
    serviceAccount = loadServiceAccount(env.FCM_SERVICE_ACCOUNT_JSON);
  } catch (err) {
    throw invalid(`FCM_SERVICE_ACCOUNT_JSON: ${(err as Error).message}`);
  }
  if (production && !serviceAccount.token_uri.startsWith('https://')) throw invalid('FCM_SERVICE_ACCOUNT_JSON: token_uri must be https:// when NODE_ENV=production');
  return { serviceAccount, baseUrl: env.FCM_BASE_URL.replace(/\/+$/, '') };
}

function settleWebPush(env: PushChannelEnv): VapidKeys | undefined {
  const set = [env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY, env.VAPID_SUBJECT].filter((v) => v !== undefined).length;
  if (set === 0) return undefined;
  if (set !== 3) throw invalid('VAPID_PUBLIC_KEY: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together');
  try {
    return checkVapidKeys({ publicKey: env.VAPID_PUBLIC_KEY!, privateKey: env.VAPID_PRIVATE_KEY!, subject: env.VAPID_SUBJECT! });
  } catch (err) {
    throw invalid((err as Error).message);
  }
}

/** Parses and settles the push channel's environment; a bad value throws a one-line `ConfigError`. */
export function loadPushChannelConfig(env: NodeJS.ProcessEnv = process.env): PushChannelConfig {
  const parsed = loadConfig(pushChannelEnv, env);
  const production = parsed.NODE_ENV === 'production';
  const fcm = settleFcm(parsed, production);
  const webPush = settleWebPush(parsed);
  return {
    ...channelBusConfig(parsed),
    timeoutMs: parsed.PUSH_TIMEOUT_MS,
    ...(fcm ? { fcm } : {}),
    ...(webPush ? { webPush } : {}),
    key: settleKey(parsed, production),
    healthPort: parsed.CHANNEL_HEALTH_PORT,
    ...(parsed.HOST ? { host: parsed.HOST } : {}),
  };
}
