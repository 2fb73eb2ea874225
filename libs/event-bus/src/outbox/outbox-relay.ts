import type { EventBusLogger } from '../event-bus-logger.ts';
import { abortableSleep } from '../consumer/abortable-sleep.ts';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from '../consumer/retry-policy.ts';
import type { OutboxRelay, OutboxRelayOptions } from './outbox-relay-options.ts';
import { listenForOutboxWrites } from './outbox-written.ts';
import { OutboxTable } from './outbox-table.ts';
import { relayBatch } from './relay-batch.ts';
import { RelaySession } from './relay-session.ts';
import { WakeSignal } from './wake-signal.ts';

/** The first wait after an empty look; it doubles up to `idlePollMs` while nothing comes. */
const FIRST_IDLE_WAIT_MS = 5;

type Settings = Required<Omit<OutboxRelayOptions, 'retry'>> & { retry: RetryPolicy; logger: EventBusLogger; source: string };

/**
 * Starts the transactional-outbox relay of one schema: it publishes `<schema>.outbox_events` rows
 * in `seq` order and marks them published. One relay per schema is active (a session advisory
 * lock); others stand by and take over when it goes. A writer in the same process wakes the
 * active relay when it commits a row (`outboxWritten(schema)`), so that row goes out at once. Rows
 * of other processes are found by polling: back to back while rows keep coming, then waiting twice
 * as long after each empty look (from 5 ms up to `idlePollMs`), since a NOTIFY from the inserting
 * transactions would serialise their commits (docs/architecture.md). It backs off while the bus
 * fails (rows stay unpublished, nothing is lost), reconnects after a lost database session, and
 * deletes published rows past `retentionMs`.
 *
 * Each cycle is one statement (mark the batch just sent, fetch the next) and one publish. After a
 * fetch of several rows (a steady stream) it lingers `lingerMs`, so the next ones go out together
 * rather than one cycle per insert; a fetch of one row is followed by the next look at once, so an
 * isolated event never waits for a linger.
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<OutboxRelay> {
  const settings: Settings = {
    batchSize: 100,
    pollIntervalMs: 1000,
    idlePollMs: 100,
    lingerMs: 5,
    retentionMs: 86_400_000,
    cleanupIntervalMs: 3_600_000,
    ...options,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    source: `/services/${options.schema}/outbox-relay`,
  };
  const wake = new WakeSignal();
  const stopping = new AbortController();
  const done = run(settings, wake, stopping.signal);
  return {
    stop: async () => {
      stopping.abort();
      wake.notify();
      await done;
    },
  };
}

async function run(settings: Settings, wake: WakeSignal, signal: AbortSignal): Promise<void> {
  const { logger, schema } = settings;
  for (let failures = 0; !signal.aborted; ) {
    let session: RelaySession | undefined;
    try {
      session = await RelaySession.open(settings.databaseUrl, schema, wake);
      failures = 0;
      await relayWhileLeader(settings, session, wake, signal);
    } catch (err) {
      if (signal.aborted) break;
      failures += 1;
      logger.warn({ err, schema, failures }, 'outbox relay lost its database session; reconnecting');
      await abortableSleep(retryDelay(settings.retry, failures), signal);
    } finally {
      await session?.close();
    }
  }
}

async function relayWhileLeader(settings: Settings, session: RelaySession, wake: WakeSignal, signal: AbortSignal): Promise<void> {
  const { logger, schema, pollIntervalMs } = settings;
  const table = new OutboxTable(session.client, schema);
  while (!(await table.tryLock())) {
    await wake.wait(pollIntervalMs);
    if (signal.aborted) return;
    session.check();
  }
  logger.info({ schema }, 'outbox relay active');
  const stopListening = listenForOutboxWrites(schema, wake);
  try {
    await relayWhileActive(settings, table, session, wake, signal);
  } finally {
    stopListening();
  }
}

/** The active relay's cycles, until stopped (or its session breaks: the error propagates). */
async function relayWhileActive(settings: Settings, table: OutboxTable, session: RelaySession, wake: WakeSignal, signal: AbortSignal): Promise<void> {
  const { logger, schema, bus, batchSize, idlePollMs, lingerMs } = settings;
  let lastCleanup = 0;
  /** Sent and not yet marked: the next fetch marks them in the same statement. */
  let published: string[] = [];
  /** The wait after the last empty look (0: the last look found rows). */
  let idleWait = 0;
  for (let publishFailures = 0; !signal.aborted; ) {
    session.check();
    if (Date.now() - lastCleanup >= settings.cleanupIntervalMs) {
      const deleted = await table.deletePublishedBefore(settings.retentionMs);
      if (deleted > 0) logger.info({ schema, deleted }, 'old published outbox rows deleted');
      lastCleanup = Date.now();
    }
    const rows = await table.markAndFetch(published, batchSize);
    published = [];
    if (rows.length === 0) {
      idleWait = Math.min(idlePollMs, Math.max(FIRST_IDLE_WAIT_MS, idleWait * 2));
      await wake.wait(idleWait);
      continue;
    }
    idleWait = 0;
    const result = await relayBatch(rows, bus, logger, settings.source);
    if ('publishFailed' in result) {
      publishFailures += 1;
      logger.warn({ err: result.publishFailed, schema, publishFailures }, 'outbox publish failed; rows kept for retry');
      await abortableSleep(retryDelay(settings.retry, publishFailures), signal);
      continue;
    }
    publishFailures = 0;
    published = result.published;
    // Under a steady stream of rows, let the next ones gather into one batch (bounded delay); after a
    // single row, look again at once: it was alone, the next one should not wait for company.
    if (rows.length > 1 && rows.length < batchSize && lingerMs > 0) await abortableSleep(lingerMs, signal);
  }
  if (published.length > 0) await table.markPublished(published);
}
