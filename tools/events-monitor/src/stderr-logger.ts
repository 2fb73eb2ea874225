import type { EventBusLogger } from '@ciba/event-bus';

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/**
 * The bus' and the Kafka client's log lines, as JSON on standard error (standard output is the
 * commands' result). Only `msg` and identifier fields are kept; an error is reduced to its message.
 */
export function stderrLogger(level: string): EventBusLogger {
  const min = LEVELS[level as keyof typeof LEVELS] ?? (level === 'silent' || level === 'fatal' ? 60 : level === 'trace' ? 10 : 30);
  const write = (name: keyof typeof LEVELS) => (obj: object, msg?: string) => {
    if (LEVELS[name] < min) return;
    const { err, ...fields } = obj as { err?: unknown; [field: string]: unknown };
    const safe = Object.fromEntries(Object.entries(fields).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)));
    process.stderr.write(`${JSON.stringify({ level: LEVELS[name], time: Date.now(), service: 'events-monitor', msg, ...safe, ...(err instanceof Error ? { err: err.message } : {}) })}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
