// A plug-in channel run as its own process: config → bus → runChannel → health → shutdown.
import { runChannel } from '@ciba/channel-kit';
import { createEventBus } from '@ciba/event-bus';
import { createChatDeliverer } from './chat-deliverer.ts';
import { ConfigError, loadChatChannelConfig } from './config.ts';
import { consoleLogger } from './console-logger.ts';
import { healthServer } from './health-server.ts';

async function main(): Promise<void> {
  const config = loadChatChannelConfig(process.env);
  const logger = consoleLogger(`channel-${config.channel}`);
  const bus = createEventBus({ kafkaBrokers: config.kafkaBrokers, kafkaTopicPrefix: config.kafkaTopicPrefix, redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: `channel-${config.channel}`, logger });
  const deliverer = createChatDeliverer({ channel: config.channel, chatServerUrl: config.chatServerUrl, timeoutMs: config.timeoutMs });
  const subscription = await runChannel({ bus, deliverer, key: config.key, logger });
  const health = await healthServer(config.healthPort, config.host);
  logger.info({ channel: config.channel, health_port: config.healthPort }, 'channel running');

  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down');
      health.close();
      await subscription.close();
      await bus.close();
      process.exit(0);
    })();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `failed to start: ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});
