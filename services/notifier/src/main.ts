// Composition root of the notifier run alone: config → infrastructure → service → HTTP.
import { authRequestsRpc, directoryRpc, tokenIssuerRpc } from '@ciba/contracts';
import { brokerEpochFor, createEventBus } from '@ciba/event-bus';
import { createLogger, createRedis, internalEnv, kafkaSettingsOf, loadConfig, redisReadiness, rpcClient, runMain, runService, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadNotifierConfig } from './config.ts';
import { createNotifierService } from './service.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'notifier'));
  const config = loadNotifierConfig(process.env);
  const internal = loadConfig(internalEnv, process.env);
  const token = internal.INTERNAL_TOKEN ?? config.adminToken;
  const tokenService = internal.TOKEN_SERVICE_URL ?? config.issuer;
  const logger = createLogger('notifier', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-notifier', logger });
  const redis = createRedis(config.redisUrl, 'ciba-notifier');
  const service = await createNotifierService({
    config,
    logger,
    bus,
    redis,
    directory: rpcClient(directoryRpc, { baseUrl: `${tokenService}/internal/directory`, token }),
    tokenIssuer: rpcClient(tokenIssuerRpc, { baseUrl: `${tokenService}/internal/token-issuer`, token }),
    authRequests: rpcClient(authRequestsRpc, { baseUrl: `${internal.AUTH_ENDPOINT_URL ?? config.issuer}/internal/auth-requests`, token }),
    queuePrefix: config.redisNamespace,
    brokerEpoch: brokerEpochFor({ kafkaBrokers: config.kafkaBrokers, redis, namespace: config.redisNamespace }),
  });
  await runService({
    name: 'notifier',
    port: config.port,
    host: config.host,
    metricsPort: config.metricsPort,
    logger,
    service,
    readiness: { 'event-bus': () => bus.ping(), redis: redisReadiness(redis) },
    closers: { tracing: () => tracing.shutdown(), redis: async () => void (await redis.quit()), 'event bus': () => bus.close() },
  });
});
