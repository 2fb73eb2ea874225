// Composition root of the auth-endpoint service run alone: config → infrastructure → service → HTTP.
import { authRequestsRpc, directoryRpc } from '@ciba/contracts';
import { brokerEpochFor, createEventBus } from '@ciba/event-bus';
import { createLogger, createRedis, internalEnv, kafkaSettingsOf, loadConfig, redisReadiness, rpcClient, rpcRouter, runMain, runService, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadAuthEndpointConfig } from './config.ts';
import { createAuthEndpointService } from './service.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'auth-endpoint'));
  const config = loadAuthEndpointConfig(process.env);
  const internal = loadConfig(internalEnv, process.env);
  const internalToken = internal.INTERNAL_TOKEN ?? config.adminToken;
  const logger = createLogger('auth-endpoint', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-auth-endpoint', logger });
  const directory = rpcClient(directoryRpc, { baseUrl: `${internal.TOKEN_SERVICE_URL ?? config.issuer}/internal/directory`, token: internalToken });
  const redis = createRedis(config.redisUrl, 'ciba-auth-endpoint');
  const brokerEpoch = brokerEpochFor({ kafkaBrokers: config.kafkaBrokers, redis, namespace: config.redisNamespace });
  const service = await createAuthEndpointService({ config, logger, bus, directory, redis, brokerEpoch });
  await runService({
    name: 'auth-endpoint',
    port: config.port,
    host: config.host,
    metricsPort: config.metricsPort,
    logger,
    service,
    internal: { 'auth-requests': rpcRouter(authRequestsRpc, service.authRequests, internalToken) },
    // Redis only carries the broker epoch of the Redis Streams bus; with Kafka this service does not use it.
    readiness: { 'event-bus': () => bus.ping(), ...(config.kafkaBrokers ? {} : { redis: redisReadiness(redis) }) },
    closers: { tracing: () => tracing.shutdown(), redis: async () => void (await redis.quit()), 'event bus': () => bus.close() },
  });
});
