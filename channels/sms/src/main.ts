// Composition root of the SMS channel run alone: config → event bus → runChannel → health and metrics → shutdown.
import { runChannel } from '@ciba/channel-kit';
import { createEventBus } from '@ciba/event-bus';
import { startMetricsServer } from '@ciba/metrics';
import { createApp, createLogger, healthRoutes, runMain, Shutdown, kafkaSettingsOf, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadSmsConfig } from './config.ts';
import { createSmsDeliverer } from './sms-deliverer.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'channel-sms'));
  const config = loadSmsConfig(process.env);
  const logger = createLogger('channel-sms', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-channel-sms', logger });
  const shutdown = new Shutdown(logger);
  shutdown.add('tracing', () => tracing.shutdown());
  const metrics = await startMetricsServer({ service: 'channel-sms', port: config.metricsPort, logger });
  shutdown.add('metrics listener', () => metrics.close());
  shutdown.add('event bus', () => bus.close());
  const subscription = await runChannel({ bus, deliverer: createSmsDeliverer(config.gateway), key: config.key, logger });
  shutdown.add('SMS channel', () => subscription.close());
  if (config.healthPort !== undefined) {
    const server = createApp().use(healthRoutes({ 'event-bus': () => bus.ping() })).listen(config.healthPort);
    shutdown.add('health listener', () => new Promise<void>((resolve) => server.close(() => resolve())));
  }
  shutdown.onSignals();
  logger.info({ gateway: config.gateway.kind }, 'sms channel consuming ciba.channel-offers.sms');
});
