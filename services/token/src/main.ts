// Composition root of the token service run alone: config → infrastructure → service → HTTP.
import { authRequestsRpc, directoryRpc, tokenIssuerRpc } from '@ciba/contracts';
import { brokerEpochFor, createEventBus } from '@ciba/event-bus';
import { createLogger, createRedis, internalEnv, kafkaSettingsOf, loadConfig, redisReadiness, rpcClient, rpcRouter, runMain, runService, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadTokenConfig } from './config.ts';
import { createTokenService } from './service.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'token'));
  const config = loadTokenConfig(process.env);
  const internal = loadConfig(internalEnv, process.env);
  const internalToken = internal.INTERNAL_TOKEN ?? config.adminToken;
  const logger = createLogger('token', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-token', logger });
  const authRequests = rpcClient(authRequestsRpc, {
    baseUrl: `${internal.AUTH_ENDPOINT_URL ?? config.publicUrls.authEndpoint}/internal/auth-requests`,
    token: internalToken,
  });
  const redis = createRedis(config.redisUrl, 'ciba-token');
  const brokerEpoch = brokerEpochFor({ kafkaBrokers: config.kafkaBrokers, redis, namespace: config.redisNamespace });
  const service = await createTokenService({ config, logger, bus, redis, authRequests, brokerEpoch });
  await runService({
    name: 'token',
    port: config.port,
    host: config.host,
    metricsPort: config.metricsPort,
    logger,
    service,
    internal: { directory: rpcRouter(directoryRpc, service.directory, internalToken), 'token-issuer': rpcRouter(tokenIssuerRpc, service.tokenIssuer, internalToken) },
    readiness: { 'event-bus': () => bus.ping(), redis: redisReadiness(redis) },
    closers: { tracing: () => tracing.shutdown(), redis: async () => void (await redis.quit()), 'event bus': () => bus.close() },
  });
});
