// Composition root of the push channel run alone: config → bus → runChannel → health and metrics → shutdown.
import { runChannel } from '@ciba/channel-kit';
import { createEventBus } from '@ciba/event-bus';
import { startMetricsServer } from '@ciba/metrics';
import { createApp, createLogger, finishApp, healthRoutes, runMain, Shutdown, kafkaSettingsOf, loadTracingConfig, startTracing } from '@ciba/service-kit';
import { loadPushChannelConfig } from './config.ts';
import { createPushDeliverer } from './push-deliverer.ts';

runMain(async () => {
  const tracing = startTracing(loadTracingConfig(process.env, 'channel-push'));
  const config = loadPushChannelConfig(process.env);
  const logger = createLogger('channel-push', config.logLevel);
  const shutdown = new Shutdown(logger);
  shutdown.add('tracing', () => tracing.shutdown());
  const metrics = await startMetricsServer({ service: 'channel-push', port: config.metricsPort, host: config.host, logger });
  shutdown.add('metrics listener', () => metrics.close());
  const bus = createEventBus({ ...kafkaSettingsOf(config), redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: 'ciba-channel-push', logger });
  shutdown.add('event bus', () => bus.close());
  const deliverer = createPushDeliverer({ ...config, logger });
  const subscription = await runChannel({ bus, deliverer, key: config.key, logger });
  shutdown.add('channel', () => subscription.close());

  const app = createApp();
  app.use(healthRoutes({ 'event-bus': () => bus.ping() }));
  finishApp(app, logger);
  const server = config.host ? app.listen(config.healthPort, config.host) : app.listen(config.healthPort);
  shutdown.add('health server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  shutdown.onSignals();
  const providers = { fcm: Boolean(config.fcm), webpush: Boolean(config.webPush) };
  if (!providers.fcm && !providers.webpush) logger.warn({ channel: deliverer.channel }, 'no push provider configured: every push entry fails not_configured');
  logger.info({ channel: deliverer.channel, providers, health_port: config.healthPort }, 'channel running');
});
