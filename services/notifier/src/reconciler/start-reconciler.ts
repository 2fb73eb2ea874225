import type { Logger } from '@ciba/service-kit';
import type { NotificationQueue } from '../adapters/queue/notification-queue.ts';
import type { NotificationStore } from '../domain/notification-store.ts';

export interface ReconcilerOptions {
  store: Pick<NotificationStore, 'listPending'>;
  queue: Pick<NotificationQueue, 'revive'>;
  logger: Logger;
  /** Milliseconds between rounds. */
  intervalMs: number;
  /** Rows read per page. @defaultValue 500 */
  pageSize?: number;
}

/**
 * Keeps the queue in step with PostgreSQL: a first attempt made in process by a process that died, a
 * Redis that restarted empty (it holds BullMQ's jobs in memory only) or a job that stalled out would
 * strand a pending notification. At start and then every `intervalMs`, every `pending` row that no run
 * holds (no lease, or an expired one) and whose job is gone or finished is queued again under the same
 * job id; a row under a live lease (its first attempt running) and a job that is waiting, delayed or
 * running are left alone.
 */
export function startReconciler(options: ReconcilerOptions): { stop(): Promise<void> } {
  const pageSize = options.pageSize ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const reconcile = async () => {
    let revived = 0;
    for (let after: string | undefined; !stopped; ) {
      const ids = await options.store.listPending(pageSize, after);
      revived += await options.queue.revive(ids);
      if (ids.length < pageSize) break;
      after = ids[ids.length - 1];
    }
    if (revived > 0) options.logger.info({ revived }, 'pending client notifications queued again');
  };
  const loop = () => {
    round = reconcile()
      .catch((err: unknown) => options.logger.warn({ err }, 'reconciling client notifications failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs);
      });
  };
  loop();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // a round blocked on an unreachable Redis must not hold the shutdown
      await Promise.race([round, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}
