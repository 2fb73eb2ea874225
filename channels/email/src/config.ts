import { z } from 'zod';
import type { ChannelKey } from '@ciba/channel-kit';
import { resolveChannelKey } from '@ciba/channel-kit/resolve-channel-key';
import { baseEnv, ConfigError, emptyToUndefined, loadConfig, wholeNumber, channelBusConfig, type ChannelBusConfig } from '@ciba/service-kit';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';

const key = z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{43,}={0,2}$/, 'expected base64url of at least 32 bytes').optional());
const flag = (fallback: boolean) => z.preprocess(emptyToUndefined, z.enum(['true', 'false'], { error: 'expected true or false' }).default(fallback ? 'true' : 'false')).transform((v) => v === 'true');
const mailbox = /^(?:[^<>\r\n]{0,100}<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/** How the SMTP session is protected. */
export const smtpTlsMode = z.enum(['implicit', 'starttls', 'opportunistic']);
export type SmtpTlsMode = z.infer<typeof smtpTlsMode>;

/** Environment of the email channel run alone (`npm start -w channels/email`). */
export const emailEnv = baseEnv
  .pick({ NODE_ENV: true, REDIS_URL: true, KAFKA_BROKERS: true, KAFKA_TOPIC_PREFIX: true, KAFKA_PARTITIONS: true, KAFKA_REPLICATION_FACTOR: true, KAFKA_SESSION_TIMEOUT_MS: true, REDIS_NAMESPACE: true, ADMIN_TOKEN: true, LOG_LEVEL: true, METRICS_PORT: true })
  .extend({
    /** This channel's key (base64url), as `npm run channel-key -- email` prints it from the dispatcher's master key. */
    CHANNEL_KEY: key,
    /** The dispatcher's `CHANNEL_MASTER_KEY` (base64url); the channel derives its key from it. Ignored when CHANNEL_KEY is set. */
    CHANNEL_MASTER_KEY: key,
    /** Port of the `/healthz` `/readyz` listener for Kubernetes probes; unset: none. */
    CHANNEL_HEALTH_PORT: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).optional()),
    /** SMTP server (submission or relay) host name or address. Required in production. @defaultValue 127.0.0.1 */
    SMTP_HOST: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'expected a host name or address').optional()),
    /** SMTP port. @defaultValue 465 with SMTP_TLS=implicit, else 587 */
    SMTP_PORT: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535).optional()),
    /**
     * `implicit`: TLS from the first byte (port 465); `starttls`: STARTTLS required, the mail is never
     * sent in clear; `opportunistic`: STARTTLS when the server offers it (development mail catchers).
     * Production allows `implicit` and `starttls` only. @defaultValue starttls in production, else opportunistic
     */
    SMTP_TLS: z.preprocess(emptyToUndefined, smtpTlsMode.optional()),
    /** Whether the server's certificate must chain to a trusted CA and match SMTP_HOST; `false` is refused in production. @defaultValue true */
    SMTP_TLS_REJECT_UNAUTHORIZED: flag(true),
    /** SMTP AUTH user name; set together with SMTP_PASSWORD, or neither (no AUTH). */
    SMTP_USER: z.preprocess(emptyToUndefined, z.string().max(512).optional()),
    /** SMTP AUTH password. Secret. */
    SMTP_PASSWORD: z.preprocess(emptyToUndefined, z.string().max(512).optional()),
    /** The From of the mails: `address@domain` or `Display Name <address@domain>`. Required in production. @defaultValue CIBA <no-reply@localhost> */
    SMTP_FROM: z.preprocess(emptyToUndefined, z.string().regex(mailbox, 'expected address@domain or Name <address@domain>').optional()),
    /** Bound on connecting and on each wait for the server (greeting, each reply), milliseconds; the offer's deadline bounds the whole. @defaultValue 15000 */
    SMTP_TIMEOUT_MS: wholeNumber('milliseconds', 15_000, 100, 120_000),
  });
export type EmailEnv = z.infer<typeof emailEnv>;

/** What the email deliverer needs: the SMTP server and the From. */
export interface SmtpConfig {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  /** False only outside production (tests with a self-signed certificate). */
  rejectUnauthorized: boolean;
  auth?: { user: string; pass: string };
  from: string;
  /** Milliseconds. */
  timeoutMs: number;
}

/** The settled configuration of the email channel process. */
export interface EmailChannelConfig extends ChannelBusConfig {
  healthPort?: number;
  key: ChannelKey;
  smtp: SmtpConfig;
}

/** Parses and settles the email channel's environment; a bad value throws a one-line `ConfigError`. */
export function loadEmailConfig(env: NodeJS.ProcessEnv = process.env): EmailChannelConfig {
  const parsed = loadConfig(emailEnv, env);
  const production = parsed.NODE_ENV === 'production';
  const fail = (message: string): never => {
    throw new ConfigError(`invalid configuration: ${message}`);
  };
  if (production && !parsed.SMTP_HOST) fail('SMTP_HOST: required when NODE_ENV=production');
  if (production && !parsed.SMTP_FROM) fail('SMTP_FROM: required when NODE_ENV=production');
  const tls = parsed.SMTP_TLS ?? (production ? 'starttls' : 'opportunistic');
  if (production && tls === 'opportunistic') fail('SMTP_TLS: must be implicit or starttls when NODE_ENV=production');
  if (production && !parsed.SMTP_TLS_REJECT_UNAUTHORIZED) fail('SMTP_TLS_REJECT_UNAUTHORIZED: must be true when NODE_ENV=production');
  if (!parsed.SMTP_USER !== !parsed.SMTP_PASSWORD) fail('SMTP_USER: set together with SMTP_PASSWORD, or neither');
  let key: ChannelKey;
  try {
    key = resolveChannelKey({ channelKey: parsed.CHANNEL_KEY, masterKey: parsed.CHANNEL_MASTER_KEY, adminToken: parsed.ADMIN_TOKEN, production }, 'email');
  } catch (err) {
    return fail((err as Error).message);
  }
  return {
    ...channelBusConfig(parsed),
    ...(parsed.CHANNEL_HEALTH_PORT !== undefined ? { healthPort: parsed.CHANNEL_HEALTH_PORT } : {}),
    key,
    smtp: {
      host: parsed.SMTP_HOST ?? '127.0.0.1',
      port: parsed.SMTP_PORT ?? (tls === 'implicit' ? 465 : 587),
      tls,
      rejectUnauthorized: parsed.SMTP_TLS_REJECT_UNAUTHORIZED,
      ...(parsed.SMTP_USER && parsed.SMTP_PASSWORD ? { auth: { user: parsed.SMTP_USER, pass: parsed.SMTP_PASSWORD } } : {}),
      from: parsed.SMTP_FROM ?? 'CIBA <no-reply@localhost>',
      timeoutMs: parsed.SMTP_TIMEOUT_MS,
    },
  };
}
