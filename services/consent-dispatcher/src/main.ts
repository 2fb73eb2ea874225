// Composition root of the consent dispatcher run alone: config → infrastructure → service → HTTP.
import { authRequestsRpc, directoryRpc } from '@ciba/contracts';
import { createEventBus } from '@ciba/event-bus';
import { createLogger, createRedis, internalEnv, kafkaSettingsOf, loadConfig, redisReadiness, rpcClient, runMain, runService, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadConsentConfig } from './config.ts';
import { createConsentDispatcherService } from './service.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'consent-dispatcher'));
  const config = loadConsentConfig(process.env);
  const internal = loadConfig(internalEnv, process.env);
  const token = internal.INTERNAL_TOKEN ?? config.adminToken;
  const logger = createLogger('consent-dispatcher', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-consent-dispatcher', logger });
  const redis = createRedis(config.redisUrl, 'ciba-consent-dispatcher');
  const service = await createConsentDispatcherService({
    config,
    logger,
    bus,
    directory: rpcClient(directoryRpc, { baseUrl: `${internal.TOKEN_SERVICE_URL ?? config.issuer}/internal/directory`, token }),
    authRequests: rpcClient(authRequestsRpc, { baseUrl: `${internal.AUTH_ENDPOINT_URL ?? config.issuer}/internal/auth-requests`, token }),
    redis,
    busNamespace: config.redisNamespace,
  });
  await runService({
    name: 'consent-dispatcher',
    port: config.port,
    host: config.host,
    metricsPort: config.metricsPort,
    logger,
    service,
    readiness: { 'event-bus': () => bus.ping(), redis: redisReadiness(redis) },
    closers: { tracing: () => tracing.shutdown(), redis: async () => void (await redis.quit()), 'event bus': () => bus.close() },
  });
});
