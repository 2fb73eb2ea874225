// Composition root of the audit service run alone: config → infrastructure → service → HTTP.
import { createEventBus } from '@ciba/event-bus';
import { createLogger, kafkaSettingsOf, runMain, runService, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadAuditConfig } from './config.ts';
import { createAuditService } from './service.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'audit'));
  const config = loadAuditConfig(process.env);
  const logger = createLogger('audit', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-audit', logger });
  const service = createAuditService({ config, logger, bus });
  await runService({
    name: 'audit',
    port: config.port,
    host: config.host,
    metricsPort: config.metricsPort,
    logger,
    service,
    readiness: { 'event-bus': () => bus.ping() },
    closers: { tracing: () => tracing.shutdown(), 'event bus': () => bus.close() },
  });
});
