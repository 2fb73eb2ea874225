import type { EventBusLogger } from '../../src/event-bus-logger.ts';

/** Silent unless `BUS_TEST_LOG=1`, then every line goes to stderr (identifiers only, like production). */
export const testLogger: EventBusLogger = (() => {
  const write = (level: string) => (obj: object, msg?: string) => {
    if (process.env['BUS_TEST_LOG'] === '1') process.stderr.write(`${level} ${msg ?? ''} ${JSON.stringify(obj, errorReplacer)}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
})();

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
