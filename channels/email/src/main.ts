// Composition root of the email channel run alone: config → event bus → runChannel → health and metrics → shutdown.
import { runChannel } from '@ciba/channel-kit';
import { createEventBus } from '@ciba/event-bus';
import { startMetricsServer } from '@ciba/metrics';
import { createApp, createLogger, healthRoutes, runMain, Shutdown, kafkaSettingsOf, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadEmailConfig } from './config.ts';
import { createEmailDeliverer } from './email-deliverer.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'channel-email'));
  const config = loadEmailConfig(process.env);
  const logger = createLogger('channel-email', config.logLevel);
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-channel-email', logger });
  const shutdown = new Shutdown(logger);
  shutdown.add('tracing', () => tracing.shutdown());
  const metrics = await startMetricsServer({ service: 'channel-email', port: config.metricsPort, logger });
  shutdown.add('metrics listener', () => metrics.close());
  shutdown.add('event bus', () => bus.close());
  const subscription = await runChannel({ bus, deliverer: createEmailDeliverer(config.smtp), key: config.key, logger });
  shutdown.add('email channel', () => subscription.close());
  if (config.healthPort !== undefined) {
    const server = createApp().use(healthRoutes({ 'event-bus': () => bus.ping() })).listen(config.healthPort);
    shutdown.add('health listener', () => new Promise<void>((resolve) => server.close(() => resolve())));
  }
  shutdown.onSignals();
  logger.info({ smtp_port: config.smtp.port, smtp_tls: config.smtp.tls }, 'email channel consuming ciba.channel-offers.email');
});
