// Composition root of the consent dispatcher run alone: config → infrastructure → service → HTTP.
import { directoryRpc } from '@ciba/contracts';
import { createEventBus } from '@ciba/event-bus';
import { createLogger, createRedis, internalEnv, loadConfig, rpcClient, runMain, runService } from '@ciba/service-kit';
import { loadConsentConfig } from './config.ts';
import { createConsentDispatcherService } from './service.ts';

runMain(async () => {
  const config = loadConsentConfig(process.env);
  const internal = loadConfig(internalEnv, process.env);
  const logger = createLogger('consent-dispatcher', config.logLevel);
  const bus = createEventBus({ kafkaBrokers: config.kafkaBrokers, kafkaSessionTimeoutMs: config.kafkaSessionTimeoutMs, redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-consent-dispatcher', logger });
  const redis = createRedis(config.redisUrl, 'ciba-consent-dispatcher');
  const directory = rpcClient(directoryRpc, {
    baseUrl: `${internal.TOKEN_SERVICE_URL ?? config.issuer}/internal/directory`,
    token: internal.INTERNAL_TOKEN ?? config.adminToken,
  });
  const service = await createConsentDispatcherService({ config, logger, bus, directory, redis, queuePrefix: config.redisNamespace });
  await runService({
    name: 'consent-dispatcher',
    port: config.port,
    host: config.host,
    logger,
    service,
    readiness: { redis: async () => void (await redis.ping()) },
    closers: { redis: async () => void (await redis.quit()), 'event bus': () => bus.close() },
  });
});
