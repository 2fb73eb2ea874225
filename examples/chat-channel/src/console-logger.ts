import type { EventBusLogger } from '@ciba/event-bus';

/** One JSON line per log call on stdout, the shape the bus and `runChannel` log (identifiers only). */
export function consoleLogger(name: string): EventBusLogger {
  const line = (level: string) => (obj: object, msg?: string) => {
    process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), name, msg, ...obj }, (_k, v: unknown) => (v instanceof Error ? v.message : v))}\n`);
  };
  return { debug: () => {}, info: line('info'), warn: line('warn'), error: line('error') };
}
