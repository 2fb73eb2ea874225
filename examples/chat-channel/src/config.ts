import { parseKey, type ChannelKey } from '@ciba/channel-kit';

/** The settled configuration of the chat channel. */
export interface ChatChannelConfig {
  /** The plug-in's channel name (`CHANNEL_NAME`): its offers arrive on `ciba.channel-offers.<name>`. */
  channel: string;
  /** Its key (`CHANNEL_KEY`, from `npm run channel-key -- <name>` on the dispatcher's side). */
  key: ChannelKey;
  /** Where the chat server takes messages (`CHAT_SERVER_URL`). */
  chatServerUrl: string;
  /** Bound on one call to the chat server, milliseconds (`CHAT_TIMEOUT_MS`). */
  timeoutMs: number;
  /** The bus: Kafka when `KAFKA_BROKERS` is set, else Redis Streams at `REDIS_URL` under `REDIS_NAMESPACE`. */
  kafkaBrokers: string[];
  /** `KAFKA_TOPIC_PREFIX`: the installation's topic and group prefix on a shared Kafka cluster. */
  kafkaTopicPrefix: string;
  redisUrl: string;
  redisNamespace: string;
  /** `/healthz` and `/readyz` (`CHANNEL_HEALTH_PORT`, on `HOST`). */
  healthPort: number;
  host: string;
}

/** A configuration error: one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const fail = (name: string, message: string): never => {
  throw new ConfigError(`invalid configuration: ${name}: ${message}`);
};

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? value : fail(name, `expected a whole number from ${min} to ${max}`);
}

function httpUrl(env: NodeJS.ProcessEnv, name: string): string {
  const raw = env[name] || fail(name, 'required');
  const url = URL.canParse(raw) ? new URL(raw) : fail(name, 'expected an http(s) URL');
  return ['http:', 'https:'].includes(url.protocol) ? url.href : fail(name, 'expected an http(s) URL');
}

/**
 * Reads the plug-in's environment (a plug-in brings its own config: this one needs no zod). Every
 * variable is documented in the README; a bad value throws one line naming it.
 */
export function loadChatChannelConfig(env: NodeJS.ProcessEnv = process.env): ChatChannelConfig {
  const channel = env['CHANNEL_NAME'] || 'chat';
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(channel) || ['webhook', 'email', 'sms', 'push', 'plugin'].includes(channel)) {
    fail('CHANNEL_NAME', 'expected a plug-in name: lower-case letters, digits and dashes, not a built-in type');
  }
  let key: ChannelKey;
  try {
    key = parseKey(env['CHANNEL_KEY'] || fail('CHANNEL_KEY', `required (npm run channel-key -- ${channel})`));
  } catch (err) {
    throw err instanceof ConfigError ? err : new ConfigError(`invalid configuration: CHANNEL_KEY: ${(err as Error).message}`);
  }
  return {
    channel,
    key,
    chatServerUrl: httpUrl(env, 'CHAT_SERVER_URL'),
    timeoutMs: wholeNumber(env, 'CHAT_TIMEOUT_MS', 5000, 100, 60_000),
    kafkaBrokers: (env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean),
    kafkaTopicPrefix: env['KAFKA_TOPIC_PREFIX'] ?? '',
    redisUrl: env['REDIS_URL'] || 'redis://127.0.0.1:6379',
    redisNamespace: env['REDIS_NAMESPACE'] || 'ciba',
    healthPort: wholeNumber(env, 'CHANNEL_HEALTH_PORT', 8091, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
  };
}
