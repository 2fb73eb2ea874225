import { Client } from 'pg';
import type { WakeSignal } from './wake-signal.ts';

/**
 * The relay's own PostgreSQL session: it holds the advisory lock and runs the relay's statements.
 * A dropped connection is recorded in `broken` and wakes the relay, which then opens a new session.
 */
export class RelaySession {
  broken: Error | undefined;

  private constructor(readonly client: Client) {}

  static async open(databaseUrl: string, schema: string, wake: WakeSignal): Promise<RelaySession> {
    const client = new Client({ connectionString: databaseUrl, application_name: `ciba-outbox-relay:${schema}`.slice(0, 63), keepAlive: true });
    const session = new RelaySession(client);
    client.on('error', (err) => {
      session.broken ??= err;
      wake.notify();
    });
    client.on('end', () => {
      session.broken ??= new Error('database connection ended');
      wake.notify();
    });
    try {
      await client.connect();
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /** Throws what broke the session, if anything did. */
  check(): void {
    if (this.broken) throw this.broken;
  }

  /** Ends the session (and with it the lock); bounded, since a dead socket may never answer. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.end().catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 2000);
      }),
    ]);
    clearTimeout(timer);
  }
}
