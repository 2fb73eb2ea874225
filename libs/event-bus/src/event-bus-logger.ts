/**
 * The log calls the bus makes; pino's `Logger` (from `@ciba/service-kit`) fits. Log objects carry
 * identifiers only (topic, group, partition, position, event id), never a payload.
 */
export interface EventBusLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
