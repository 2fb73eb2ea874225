import type { EventBus, EventTap } from '@ciba/event-bus';

/** What every command gets from the composition root. */
export interface MonitorContext {
  tap: EventTap;
  /** The bus, opened on first use (lag, replay). */
  bus(): EventBus;
  /** Standard output: the command's result, one line per call. */
  out(line: string): void;
  /** Standard error: progress and notices. */
  err(line: string): void;
  /** Aborted on SIGINT or SIGTERM. */
  signal: AbortSignal;
}
