// Composition root of the webhook channel run alone: config → bus → runChannel → health and metrics → shutdown.
import { runChannel } from '@ciba/channel-kit';
import { createEventBus } from '@ciba/event-bus';
import { startMetricsServer } from '@ciba/metrics';
import { createApp, createLogger, finishApp, healthRoutes, runMain, Shutdown, kafkaSettingsOf, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadWebhookChannelConfig } from './config.ts';
import { createWebhookDeliverer } from './webhook-deliverer.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'channel-webhook'));
  const config = loadWebhookChannelConfig(process.env);
  const logger = createLogger('channel-webhook', config.logLevel);
  const shutdown = new Shutdown(logger);
  shutdown.add('tracing', () => tracing.shutdown());
  const metrics = await startMetricsServer({ service: 'channel-webhook', port: config.metricsPort, host: config.host, logger });
  shutdown.add('metrics listener', () => metrics.close());
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-channel-webhook', logger });
  shutdown.add('event bus', () => bus.close());
  const deliverer = createWebhookDeliverer({ timeoutMs: config.timeoutMs, production: config.production });
  const subscription = await runChannel({ bus, deliverer, key: config.key, logger });
  shutdown.add('channel', () => subscription.close());

  const app = createApp();
  app.use(healthRoutes({ 'event-bus': () => bus.ping() }));
  finishApp(app, logger);
  const server = config.host ? app.listen(config.healthPort, config.host) : app.listen(config.healthPort);
  shutdown.add('health server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  shutdown.onSignals();
  logger.info({ channel: deliverer.channel, health_port: config.healthPort }, 'channel running');
});
