import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './load-config.ts';
import { emptyToUndefined, wholeNumber } from './env-fields.ts';

/** `NODE_ENV`: `production` turns on the strict rules (HTTPS-only callbacks, required secrets). */
export const nodeEnv = z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development'));

/** `PORT`: HTTP port, 0 picks a free one (tests). */
export const port = z.preprocess(
  emptyToUndefined,
  z.coerce.number({ error: 'expected a port number' }).int('expected a port number').min(0, 'expected a port number').max(65535, 'expected a port number').default(8080),
);

/**
 * `METRICS_PORT`: the Prometheus listener's port (apart from `PORT`, never behind the ingress), 0 picks
 * a free one, `off` runs none.
 */
export const metricsPort = z.preprocess(
  emptyToUndefined,
  z.union([
    z.literal('off'),
    z.coerce.number({ error: 'expected a port number or off' }).int('expected a port number or off').min(0, 'expected a port number or off').max(65535, 'expected a port number or off'),
  ], { error: 'expected a port number or off' }).default(9464),
);

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgresql:// URL' });
const redisUrl = z.url({ protocol: /^rediss?$/, error: 'expected a redis:// URL' });
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' });

/** Environment shared by every service (interfaces.md §1). */
export const baseEnv = z.object({
  NODE_ENV: nodeEnv,
  /** HTTP port. @defaultValue 8080 */
  PORT: port,
  /** Issuer identifier; discovery and tokens use it. @defaultValue http://localhost:${PORT} */
  ISSUER: z.preprocess(emptyToUndefined, httpUrl.optional()),
  /** PostgreSQL; each service uses its own schema in this database. */
  DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.default('postgresql://postgres@127.0.0.1:5432/ciba')),
  /** Redis for BullMQ, caches, and the event bus when Kafka is not configured. */
  REDIS_URL: z.preprocess(emptyToUndefined, redisUrl.default('redis://127.0.0.1:6379')),
  /** Comma-separated Kafka brokers; when set, events go through Kafka. */
  KAFKA_BROKERS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.\-[\]:]+:\d+(,[A-Za-z0-9.\-[\]:]+:\d+)*$/, 'expected host:port[,host:port...]')
      .transform((s) => s.split(','))
      .optional(),
  ),
  /**
   * Prepended to every Kafka topic name and consumer group id, so several deployments (or test
   * systems) can share one cluster without reading each other's events. Letters, digits, `.` and
   * `-` (no `_`: Kafka treats `.` and `_` as colliding). @defaultValue '' (topics `ciba.*`)
   */
  KAFKA_TOPIC_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/, 'expected letters, digits, dots and dashes').default('')),
  /**
   * Partitions of the topics a service creates when missing (existing topics keep theirs): the
   * upper bound of consumers working one group in parallel; one request's events share one. @defaultValue 8
   */
  KAFKA_PARTITIONS: wholeNumber('partitions', 8, 1, 10_000),
  /** Replication factor of the topics a service creates; -1 takes the broker's `default.replication.factor`. @defaultValue -1 */
  KAFKA_REPLICATION_FACTOR: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'expected -1 or a number of replicas' })
      .int('expected -1 or a number of replicas')
      .refine((n) => n === -1 || (n >= 1 && n <= 32), 'expected -1 or a number of replicas')
      .default(-1),
  ),
  /**
   * Kafka consumer session timeout: a member that has not heartbeated this long (a crashed or frozen
   * process) is dropped from its group and its partitions go to the others. Lower means faster
   * failover and more false alarms on a stalled event loop; the broker accepts 6000 to 300000 by
   * default (`group.min/max.session.timeout.ms`). @defaultValue 30000
   */
  KAFKA_SESSION_TIMEOUT_MS: wholeNumber('milliseconds', 30_000, 6000, 300_000),
  /** Bearer token for `/admin/*` and the initial access token of `/register`. @defaultValue random, printed once at start (development); required in production */
  ADMIN_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  /** Interface to listen on; unset: every interface (dual stack). */
  HOST: z.preprocess(emptyToUndefined, z.string().regex(/^[0-9A-Za-z.:-]+$/, 'expected a host name or address').optional()),
  /** Prefix of every Redis key (event-bus streams, BullMQ queues), so environments can share a Redis. @defaultValue ciba */
  REDIS_NAMESPACE: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected lower-case letters, digits and dashes').default('ciba')),
  /**
   * Migrate the service's schema when it starts even though `NODE_ENV=production`. Unset, a
   * production service only checks that every migration it ships is applied and refuses to start
   * otherwise: the release's migration step (`node dist/migrate.mjs`) applies them. Development
   * always creates and migrates. @defaultValue false
   */
  MIGRATE_ON_START: z
    .preprocess(emptyToUndefined, z.enum(['true', 'false'], { error: 'expected true or false' }).default('false'))
    .transform((v) => v === 'true'),
  /** Log level. @defaultValue info */
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  /**
   * Port of the Prometheus `GET /metrics` listener, apart from `PORT` so the ingress never exposes it
   * (container port name `metrics`); 0 picks a free one, `off` runs none. Listens on `HOST`.
   * @defaultValue 9464
   */
  METRICS_PORT: metricsPort,
});

export type BaseEnv = z.infer<typeof baseEnv>;

/** The settled base configuration every service receives. */
export interface BaseConfig {
  production: boolean;
  port: number;
  host?: string;
  issuer: string;
  redisNamespace: string;
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers?: string[];
  /** `KAFKA_TOPIC_PREFIX`: prefix of every topic and consumer group on Kafka. */
  kafkaTopicPrefix: string;
  /** `KAFKA_PARTITIONS`: partitions of the topics created on Kafka. */
  kafkaPartitions: number;
  /** `KAFKA_REPLICATION_FACTOR`: replication of the topics created on Kafka (-1: the broker's default). */
  kafkaReplicationFactor: number;
  /** Milliseconds; see `KAFKA_SESSION_TIMEOUT_MS`. */
  kafkaSessionTimeoutMs: number;
  adminToken: string;
  /** `MIGRATE_ON_START`: migrate at start in production too (development always does). */
  migrateOnStart: boolean;
  /** True when the admin token was generated at start (development only): print it once. */
  adminTokenGenerated: boolean;
  logLevel: BaseEnv['LOG_LEVEL'];
  /** `METRICS_PORT`: the Prometheus listener's port, or `off`. */
  metricsPort: number | 'off';
}

/** Applies the derived defaults and the production rules to the parsed base environment. */
export function settleBaseConfig(env: BaseEnv): BaseConfig {
  const production = env.NODE_ENV === 'production';
  if (production && !env.ADMIN_TOKEN) {
    throw new ConfigError('invalid configuration: ADMIN_TOKEN: required when NODE_ENV=production');
  }
  const issuer = (env.ISSUER ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  if (production && !issuer.startsWith('https://')) {
    throw new ConfigError('invalid configuration: ISSUER: must be https:// when NODE_ENV=production');
  }
  return {
    production,
    port: env.PORT,
    host: env.HOST,
    issuer,
    redisNamespace: env.REDIS_NAMESPACE,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    kafkaBrokers: env.KAFKA_BROKERS,
    kafkaTopicPrefix: env.KAFKA_TOPIC_PREFIX,
    kafkaPartitions: env.KAFKA_PARTITIONS,
    kafkaReplicationFactor: env.KAFKA_REPLICATION_FACTOR,
    kafkaSessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    adminToken: env.ADMIN_TOKEN ?? randomBytes(32).toString('base64url'),
    adminTokenGenerated: !env.ADMIN_TOKEN,
    migrateOnStart: env.MIGRATE_ON_START,
    logLevel: env.LOG_LEVEL,
    metricsPort: env.METRICS_PORT,
  };
}
