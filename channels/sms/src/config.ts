import { z } from 'zod';
import type { ChannelKey } from '@ciba/channel-kit';
import { resolveChannelKey } from '@ciba/channel-kit/resolve-channel-key';
import { baseEnv, ConfigError, emptyToUndefined, loadConfig, wholeNumber, channelBusConfig, type ChannelBusConfig } from '@ciba/service-kit';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';

const key = z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{43,}={0,2}$/, 'expected base64url of at least 32 bytes').optional());
const httpUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional());
const secret = z.preprocess(emptyToUndefined, z.string().min(1).max(1024).optional());

/** The request shape of the SMS gateway. */
export const smsGatewayKind = z.enum(['json', 'twilio']);
export type SmsGatewayKind = z.infer<typeof smsGatewayKind>;

/** Environment of the SMS channel run alone (`npm start -w channels/sms`). */
export const smsEnv = baseEnv
  .pick({ NODE_ENV: true, REDIS_URL: true, KAFKA_BROKERS: true, KAFKA_TOPIC_PREFIX: true, KAFKA_PARTITIONS: true, KAFKA_REPLICATION_FACTOR: true, KAFKA_SESSION_TIMEOUT_MS: true, REDIS_NAMESPACE: true, ADMIN_TOKEN: true, LOG_LEVEL: true, METRICS_PORT: true })
  .extend({
    /** This channel's key (base64url), as `npm run channel-key -- sms` prints it from the dispatcher's master key. */
    CHANNEL_KEY: key,
    /** The dispatcher's `CHANNEL_MASTER_KEY` (base64url); the channel derives its key from it. Ignored when CHANNEL_KEY is set. */
    CHANNEL_MASTER_KEY: key,
    /** Port of the `/healthz` `/readyz` listener for Kubernetes probes; unset: none. */
    CHANNEL_HEALTH_PORT: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).optional()),
    /**
     * `json`: `POST SMS_GATEWAY_URL` with `{"to","from","text"}` and `Authorization: Bearer SMS_GATEWAY_TOKEN`;
     * `twilio`: Twilio's Messages API, `POST {SMS_GATEWAY_URL}/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages.json`,
     * form-encoded `To`, `From`, `Body`, HTTP basic auth. @defaultValue json
     */
    SMS_GATEWAY: z.preprocess(emptyToUndefined, smsGatewayKind.default('json')),
    /** `json`: the endpoint to POST to (required); `twilio`: the API base. https only in production. @defaultValue https://api.twilio.com for twilio */
    SMS_GATEWAY_URL: httpUrl,
    /** `json`: the bearer token of the gateway (required). Secret. */
    SMS_GATEWAY_TOKEN: secret,
    /** `twilio`: the Account SID (`AC` + 32 hex digits). */
    TWILIO_ACCOUNT_SID: z.preprocess(emptyToUndefined, z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits').optional()),
    /** `twilio`: the Auth Token (or an API key secret). Secret. */
    TWILIO_AUTH_TOKEN: secret,
    /** The sender: an E.164 number or an alphanumeric sender id, as the gateway accepts it. Required. */
    SMS_FROM: z.preprocess(emptyToUndefined, z.string().regex(/^(\+?[0-9]{3,15}|[A-Za-z0-9 ]{1,11})$/, 'expected an E.164 number or an alphanumeric sender id of at most 11 characters').optional()),
    /** Bound on one gateway call (connect, answer, body), milliseconds; the offer's deadline bounds it too. @defaultValue 10000 */
    SMS_TIMEOUT_MS: wholeNumber('milliseconds', 10_000, 100, 60_000),
  });
export type SmsEnv = z.infer<typeof smsEnv>;

/** What the SMS deliverer needs: the gateway, its credentials and the sender. */
export type SmsGatewayConfig =
  | { kind: 'json'; url: string; token: string; from: string; timeoutMs: number; production: boolean }
  | { kind: 'twilio'; baseUrl: string; accountSid: string; authToken: string; from: string; timeoutMs: number; production: boolean };

/** The settled configuration of the SMS channel process. */
export interface SmsChannelConfig extends ChannelBusConfig {
  healthPort?: number;
  key: ChannelKey;
  gateway: SmsGatewayConfig;
}

/** Parses and settles the SMS channel's environment; a bad value throws a one-line `ConfigError`. */
export function loadSmsConfig(env: NodeJS.ProcessEnv = process.env): SmsChannelConfig {
  const parsed = loadConfig(smsEnv, env);
  const production = parsed.NODE_ENV === 'production';
  const fail = (message: string): never => {
    throw new ConfigError(`invalid configuration: ${message}`);
  };
  const required = <T>(value: T | undefined, name: string): T => value ?? fail(`${name}: required with SMS_GATEWAY=${parsed.SMS_GATEWAY}`);
  if (production && parsed.SMS_GATEWAY_URL && !parsed.SMS_GATEWAY_URL.startsWith('https://')) fail('SMS_GATEWAY_URL: must be https:// when NODE_ENV=production');
  const from = parsed.SMS_FROM ?? fail('SMS_FROM: required');
  const timeoutMs = parsed.SMS_TIMEOUT_MS;
  const gateway: SmsGatewayConfig =
    parsed.SMS_GATEWAY === 'json'
      ? { kind: 'json', url: required(parsed.SMS_GATEWAY_URL, 'SMS_GATEWAY_URL'), token: required(parsed.SMS_GATEWAY_TOKEN, 'SMS_GATEWAY_TOKEN'), from, timeoutMs, production }
      : {
          kind: 'twilio',
          baseUrl: (parsed.SMS_GATEWAY_URL ?? 'https://api.twilio.com').replace(/\/+$/, ''),
          accountSid: required(parsed.TWILIO_ACCOUNT_SID, 'TWILIO_ACCOUNT_SID'),
          authToken: required(parsed.TWILIO_AUTH_TOKEN, 'TWILIO_AUTH_TOKEN'),
          from,
          timeoutMs,
          production,
        };
  let key: ChannelKey;
  try {
    key = resolveChannelKey({ channelKey: parsed.CHANNEL_KEY, masterKey: parsed.CHANNEL_MASTER_KEY, adminToken: parsed.ADMIN_TOKEN, production }, 'sms');
  } catch (err) {
    return fail((err as Error).message);
  }
  return {
    ...channelBusConfig(parsed),
    ...(parsed.CHANNEL_HEALTH_PORT !== undefined ? { healthPort: parsed.CHANNEL_HEALTH_PORT } : {}),
    key,
    gateway,
  };
}
