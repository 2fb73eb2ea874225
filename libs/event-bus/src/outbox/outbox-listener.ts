import { Client } from 'pg';
import type { EventBusLogger } from '../event-bus-logger.ts';
import { abortableSleep } from '../consumer/abortable-sleep.ts';
import { DEFAULT_RETRY_POLICY, retryDelay } from '../consumer/retry-policy.ts';
import type { WakeSignal } from './wake-signal.ts';

const CHANNEL = 'outbox_events';

/**
 * The one `LISTEN outbox_events` session of this process per database, shared by the active relays
 * of every schema there: a NOTIFY (payload = schema; the broker-reset replay sends one, inserts do
 * not: the relays poll for those) reaches the process once and wakes that schema's relay. It connects
 * with its first subscriber and closes with its last; after a lost connection it reconnects and wakes
 * every subscriber (a NOTIFY may have been missed meanwhile).
 */
export class OutboxListener {
  private static readonly shared = new Map<string, OutboxListener>();

  private readonly wakes = new Map<string, Set<WakeSignal>>();
  private readonly stopping = new AbortController();
  private readonly stopped = new Promise<void>((resolve) => this.stopping.signal.addEventListener('abort', () => resolve(), { once: true }));
  private client: Client | undefined;
  private listening: Promise<void>;
  private markListening = () => {};

  private constructor(private readonly databaseUrl: string, private readonly logger: EventBusLogger) {
    this.listening = new Promise((resolve) => (this.markListening = resolve));
    void this.run();
  }

  /**
   * Wakes `wake` on every NOTIFY for `schema`. Resolves once the session listens (or failed its
   * first attempt, or after `waitMs`: the relay then polls until it is back), with the way to
   * unsubscribe.
   */
  static async subscribe(databaseUrl: string, schema: string, wake: WakeSignal, logger: EventBusLogger, waitMs = 2000): Promise<() => void> {
    let listener = OutboxListener.shared.get(databaseUrl);
    if (!listener) {
      listener = new OutboxListener(databaseUrl, logger);
      OutboxListener.shared.set(databaseUrl, listener);
    }
    const target = listener;
    const wakes = target.wakes.get(schema) ?? new Set<WakeSignal>();
    target.wakes.set(schema, wakes.add(wake));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([target.listening, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    return () => target.unsubscribe(schema, wake);
  }

  private unsubscribe(schema: string, wake: WakeSignal): void {
    const wakes = this.wakes.get(schema);
    wakes?.delete(wake);
    if (wakes?.size === 0) this.wakes.delete(schema);
    if (this.wakes.size > 0) return;
    OutboxListener.shared.delete(this.databaseUrl);
    this.stopping.abort();
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopping.signal.aborted; ) {
      const client = new Client({ connectionString: this.databaseUrl, application_name: `ciba-outbox-listener:${process.pid}`, keepAlive: true, connectionTimeoutMillis: 10_000 });
      const lost = new Promise<unknown>((resolve) => {
        client.on('error', resolve);
        client.on('end', () => resolve(new Error('database connection ended')));
      });
      client.on('notification', (note) => {
        if (note.channel !== CHANNEL || note.payload === undefined) return;
        for (const wake of this.wakes.get(note.payload) ?? []) wake.notify();
      });
      this.client = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        failures = 0;
        this.wakeAll(); // anything notified while not listening
        this.markListening();
        const err = await Promise.race([lost, this.stopped]);
        if (this.stopping.signal.aborted) break;
        throw err;
      } catch (err) {
        this.markListening(); // subscribers go on polling until the session is back
        if (this.stopping.signal.aborted) break;
        failures += 1;
        this.logger.warn({ err, failures }, 'outbox listener lost its database session; reconnecting');
        void client.end().catch(() => {});
        this.wakeAll();
        await abortableSleep(retryDelay(DEFAULT_RETRY_POLICY, failures), this.stopping.signal);
      }
    }
    // Bounded: a dead socket may never answer.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.client?.end().catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
  }

  private wakeAll(): void {
    for (const wakes of this.wakes.values()) for (const wake of wakes) wake.notify();
  }
}
