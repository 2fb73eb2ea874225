import { Pool } from 'pg';
import { abortableSleep } from '../consumer/abortable-sleep.ts';
import type { BrokerResetWatch, WatchBrokerResetsOptions } from './watch-broker-resets-options.ts';
import { ReplayTable } from './replay-table.ts';

type Settings = Required<WatchBrokerResetsOptions>;

/**
 * Guards one schema's outbox against a broker that restarts empty (Redis without persistence): the
 * relay had marked rows published whose events vanished before every consumer handled them. The
 * first check runs before this resolves, then one every `intervalMs`. When the broker's epoch is one
 * this schema has not replayed into (a reset, or a fresh broker), the rows published within
 * `windowMs` are marked unpublished so the relay sends them again; consumers are idempotent
 * (`processed_events`), so what they had already handled is skipped. One replica per schema replays
 * (advisory lock) and records the replay in the broker, so each reset replays once; a crash before
 * that record only replays again. Events of a key published after the reset may reach consumers
 * before the replayed older ones.
 */
export async function watchBrokerResets(options: WatchBrokerResetsOptions): Promise<BrokerResetWatch> {
  const settings: Settings = { intervalMs: 5000, windowMs: 86_400_000, settleMs: 1000, ...options };
  const { logger, schema } = settings;
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 1, application_name: `ciba-outbox-replay:${schema}`.slice(0, 63) });
  pool.on('error', (err) => logger.warn({ err, schema }, 'outbox replay: idle database connection failed'));
  const stopping = new AbortController();
  const guarded = async () => {
    try {
      await check(settings, pool, stopping.signal);
    } catch (err) {
      if (!stopping.signal.aborted) logger.warn({ err, schema }, 'broker epoch check failed; retrying');
    }
  };
  await guarded();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      await abortableSleep(settings.intervalMs, stopping.signal);
      if (!stopping.signal.aborted) await guarded();
    }
  })();
  return {
    async stop() {
      stopping.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      await pool.end().catch(() => {});
    },
  };
}

async function check(settings: Settings, pool: Pool, signal: AbortSignal): Promise<void> {
  const { epoch, schema, logger, windowMs } = settings;
  const id = await epoch.current();
  if (await epoch.replayed(id, schema)) return;
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    const table = new ReplayTable(client, schema);
    if (!(await table.tryLock())) return;
    try {
      if (await epoch.replayed(id, schema)) return;
      let republished = 0;
      if (await table.hasPublishedWithin(windowMs)) {
        await abortableSleep(settings.settleMs, signal);
        if (signal.aborted) return;
        republished = await table.republishWithin(windowMs);
        logger.warn({ schema, epoch: id, republished }, 'broker epoch changed (restarted empty?); outbox rows published before go out again');
      }
      if (!(await epoch.markReplayed(id, schema))) logger.warn({ schema, epoch: id }, 'broker epoch changed during the replay; replaying again');
      else if (republished === 0) logger.info({ schema, epoch: id }, 'new broker epoch; nothing to replay');
    } finally {
      await table.unlock();
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.release(failure);
  }
}
