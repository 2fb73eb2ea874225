// Composition root of the audit service run alone: config → infrastructure → service → HTTP.
import { createEventBus } from '@ciba/event-bus';
import { createLogger, kafkaSettingsOf, runMain, runService } from '@ciba/service-kit';
import { loadAuditConfig } from './config.ts';
import { createAuditService } from './service.ts';

runMain(async () => {
  const config = loadAuditConfig(process.env);
  const logger = createLogger('audit', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-audit', logger });
  const service = createAuditService({ config, logger, bus });
  await runService({
    name: 'audit',
    port: config.port,
    host: config.host,
    logger,
    service,
    readiness: { 'event-bus': () => bus.ping() },
    closers: { 'event bus': () => bus.close() },
  });
});
