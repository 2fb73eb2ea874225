import { answerClusterScrapes, workerRequests } from '@ciba/metrics';
import type { Tracing } from '@ciba/service-kit';
import { startSystem } from '../system.ts';
import { WORKER_SLOT_VARIABLE, type WorkerReady } from './worker-messages.ts';

/**
 * One worker of `--workers N`: the whole system on the port the cluster shares, its metrics served by
 * the primary (so none of its own listener), ready reported to the primary; SIGTERM or SIGINT drains it.
 */
export async function runWorker(tracing: Tracing | undefined): Promise<void> {
  answerClusterScrapes();
  const system = await startSystem({ ...process.env, METRICS_PORT: 'off' });
  const worker = process.env[WORKER_SLOT_VARIABLE] ?? '1';
  system.server.on('request', () => workerRequests.inc({ worker }));
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= system.stop().then(() => tracing?.shutdown()).then(() => process.exit(0)));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());
  process.send?.({ type: 'ciba:worker-ready', issuer: system.issuer } satisfies WorkerReady);
}
