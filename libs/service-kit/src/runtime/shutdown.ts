import type { Logger } from '../logger.ts';

export type Closer = () => Promise<void> | void;

/**
 * Graceful shutdown: on SIGTERM/SIGINT run the closers in reverse order of registration (stop
 * accepting HTTP, close workers and consumers, then connections), each bounded by `timeoutMs`.
 */
export class Shutdown {
  private readonly closers: Array<{ name: string; close: Closer }> = [];
  private closing?: Promise<void>;

  constructor(private readonly logger: Logger, private readonly timeoutMs = 10_000) {}

  /** Registers something to close; later registrations close first. */
  add(name: string, close: Closer): void {
    this.closers.push({ name, close });
  }

  /** Runs every closer once, newest first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const { name, close } of [...this.closers].reverse()) {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            Promise.resolve().then(close),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`${name} did not close in ${this.timeoutMs} ms`)), this.timeoutMs);
            }),
          ]);
        } catch (err) {
          this.logger.warn({ err, name }, 'closer failed');
        } finally {
          clearTimeout(timer);
        }
      }
    })();
    return this.closing;
  }

  /** Installs the signal handlers; the process exits once everything closed. */
  onSignals(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        this.logger.info({ signal }, 'shutting down');
        void this.close().then(() => process.exit(0));
      });
    }
  }
}
