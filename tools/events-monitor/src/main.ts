// The events monitor (`npm run events -- <command>`, `ciba-events <command>`): composition root.
import { createEventBus, createEventTap, type EventBus } from '@ciba/event-bus';
import { parseCommand } from './cli/parse-command.ts';
import { USAGE } from './cli/usage.ts';
import { UsageError } from './cli/usage-error.ts';
import { loadEventsMonitorConfig } from './config.ts';
import { runCommand } from './run-command.ts';
import { stderrLogger } from './stderr-logger.ts';

const CLIENT_ID = 'ciba-events-monitor';

async function main(): Promise<number> {
  const command = parseCommand(process.argv.slice(2));
  const config = loadEventsMonitorConfig();
  const logger = stderrLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const tap = createEventTap({ kafkaBrokers: config.kafkaBrokers, kafkaTopicPrefix: config.kafkaTopicPrefix, redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: CLIENT_ID, logger });
  let bus: EventBus | undefined;
  const settings = { kafkaBrokers: config.kafkaBrokers, kafkaTopicPrefix: config.kafkaTopicPrefix, kafkaPartitions: config.kafkaPartitions, kafkaReplicationFactor: config.kafkaReplicationFactor, kafkaSessionTimeoutMs: config.kafkaSessionTimeoutMs };
  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort());
  try {
    return await runCommand(
      {
        tap,
        bus: () => (bus ??= createEventBus({ ...settings, redisUrl: config.redisUrl, namespace: config.redisNamespace, clientId: CLIENT_ID, logger })),
        out: (line) => void process.stdout.write(`${line}\n`),
        err: (line) => void process.stderr.write(`${line}\n`),
        signal: abort.signal,
      },
      command,
    );
  } finally {
    await tap.close();
    await bus?.close();
  }
}

main().then(
  (status) => (process.exitCode = status),
  (err: unknown) => {
    const usage = err instanceof UsageError;
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage ? `\n${USAGE}\n` : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);
