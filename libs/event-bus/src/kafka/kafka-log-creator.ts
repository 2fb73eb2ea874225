import { logLevel, type logCreator } from 'kafkajs';
import type { EventBusLogger } from '../event-bus-logger.ts';

/** Routes kafkajs' own log lines (broker, group and retry events; no message payloads) to our logger. */
export function kafkaLogCreator(logger: EventBusLogger): logCreator {
  return () => ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = log as { message: string; [field: string]: unknown };
    const entry = { kafkajs: namespace, ...fields };
    if (level <= logLevel.ERROR) logger.error(entry, message);
    else if (level === logLevel.WARN) logger.warn(entry, message);
    else if (level === logLevel.INFO) logger.info(entry, message);
    else logger.debug(entry, message);
  };
}
