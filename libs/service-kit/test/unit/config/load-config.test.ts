import { baseEnv, ConfigError, loadConfig, settleBaseConfig } from '@ciba/service-kit';

describe('loadConfig(baseEnv)', () => {
  it('applies the documented defaults (interfaces.md §1)', () => {
    const config = settleBaseConfig(loadConfig(baseEnv, {}));
    expect(config).toMatchObject({
      port: 8080,
      issuer: 'http://localhost:8080',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/ciba',
      redisUrl: 'redis://127.0.0.1:6379',
      kafkaBrokers: undefined,
      kafkaTopicPrefix: '',
      kafkaPartitions: 8,
      kafkaReplicationFactor: -1,
      kafkaSessionTimeoutMs: 30_000,
      production: false,
      adminTokenGenerated: true,
      metricsPort: 9464,
    });
    expect(config.adminToken.length).toBeGreaterThanOrEqual(43);
  });

  it('derives the issuer from PORT and splits KAFKA_BROKERS', () => {
    const config = settleBaseConfig(loadConfig(baseEnv, { PORT: '9000', KAFKA_BROKERS: 'k1:9092,k2:9092' }));
    expect(config.issuer).toBe('http://localhost:9000');
    expect(config.kafkaBrokers).toEqual(['k1:9092', 'k2:9092']);
  });

  it('reads KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS and KAFKA_REPLICATION_FACTOR', () => {
    const config = settleBaseConfig(loadConfig(baseEnv, { KAFKA_TOPIC_PREFIX: 'staging.', KAFKA_PARTITIONS: '12', KAFKA_REPLICATION_FACTOR: '3' }));
    expect(config).toMatchObject({ kafkaTopicPrefix: 'staging.', kafkaPartitions: 12, kafkaReplicationFactor: 3 });
  });

  it('reads KAFKA_SESSION_TIMEOUT_MS', () => {
    expect(settleBaseConfig(loadConfig(baseEnv, { KAFKA_SESSION_TIMEOUT_MS: '6000' })).kafkaSessionTimeoutMs).toBe(6000);
  });

  it('reads METRICS_PORT: a port, 0 (any free one) or off', () => {
    expect(settleBaseConfig(loadConfig(baseEnv, { METRICS_PORT: '9100' })).metricsPort).toBe(9100);
    expect(settleBaseConfig(loadConfig(baseEnv, { METRICS_PORT: '0' })).metricsPort).toBe(0);
    expect(settleBaseConfig(loadConfig(baseEnv, { METRICS_PORT: 'off' })).metricsPort).toBe('off');
  });

  it.each([
    [{ METRICS_PORT: 'on' }, 'invalid configuration: METRICS_PORT: expected a port number or off'],
    [{ METRICS_PORT: '65536' }, 'invalid configuration: METRICS_PORT: expected a port number or off'],
    [{ PORT: 'eighty' }, 'invalid configuration: PORT: expected a port number'],
    [{ PORT: '70000' }, 'invalid configuration: PORT: expected a port number'],
    [{ DATABASE_URL: 'mysql://x' }, 'invalid configuration: DATABASE_URL: expected a postgresql:// URL'],
    [{ REDIS_URL: 'http://x' }, 'invalid configuration: REDIS_URL: expected a redis:// URL'],
    [{ KAFKA_BROKERS: 'nohostport' }, 'invalid configuration: KAFKA_BROKERS: expected host:port[,host:port...]'],
    [{ KAFKA_TOPIC_PREFIX: 'team_a.' }, 'invalid configuration: KAFKA_TOPIC_PREFIX: expected letters, digits, dots and dashes'],
    [{ KAFKA_PARTITIONS: '0' }, 'invalid configuration: KAFKA_PARTITIONS: must be at least 1 partitions'],
    [{ KAFKA_REPLICATION_FACTOR: '0' }, 'invalid configuration: KAFKA_REPLICATION_FACTOR: expected -1 or a number of replicas'],
    [{ KAFKA_SESSION_TIMEOUT_MS: '1000' }, 'invalid configuration: KAFKA_SESSION_TIMEOUT_MS: must be at least 6000 milliseconds'],
    [{ ADMIN_TOKEN: 'short' }, 'invalid configuration: ADMIN_TOKEN: must be at least 16 characters'],
  ])('a bad value stops with one line naming the variable: %j', (env, message) => {
    expect(() => loadConfig(baseEnv, env)).toThrow(new ConfigError(message));
  });

  it('production requires ADMIN_TOKEN and an https issuer', () => {
    expect(() => settleBaseConfig(loadConfig(baseEnv, { NODE_ENV: 'production' }))).toThrow('invalid configuration: ADMIN_TOKEN: required when NODE_ENV=production');
    expect(() => settleBaseConfig(loadConfig(baseEnv, { NODE_ENV: 'production', ADMIN_TOKEN: 'a'.repeat(32), ISSUER: 'http://ciba.example' }))).toThrow(
      'invalid configuration: ISSUER: must be https:// when NODE_ENV=production',
    );
  });
});
