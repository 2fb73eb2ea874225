import type { Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { metricsRegistry } from './metrics-registry.ts';

const REQUEST = 'ciba:metrics-request';
const REPLY = 'ciba:metrics-reply';

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}
interface MetricsReply {
  type: typeof REPLY;
  id: number;
  metrics?: object[];
  error?: string;
}

/** In a cluster worker: answers the primary's scrapes with this process' registry (as JSON, for aggregation). */
export function answerClusterScrapes(): void {
  process.on('message', (message: MetricsRequest) => {
    if (message?.type !== REQUEST) return;
    metricsRegistry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: REPLY, id: message.id, metrics } satisfies MetricsReply),
      (err: unknown) => process.send?.({ type: REPLY, id: message.id, error: String(err) } satisfies MetricsReply),
    );
  });
}

let nextId = 0;

/** One worker's registry, or undefined when it did not answer within `timeoutMs` (dying, busy, gone). */
function scrapeWorker(worker: Worker, timeoutMs: number): Promise<object[] | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    const done = (metrics?: object[]) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(metrics);
    };
    const onMessage = (message: MetricsReply) => {
      if (message?.type === REPLY && message.id === id) done(message.metrics);
    };
    const onExit = () => done();
    const timer = setTimeout(() => done(), timeoutMs);
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    try {
      worker.send({ type: REQUEST, id } satisfies MetricsRequest);
    } catch {
      done();
    }
  });
}

/**
 * In the cluster primary: the Prometheus text of every given worker's registry aggregated by
 * prom-client (counters and histograms summed; gauges by their `aggregator`: `max` for readings of
 * a shared store). A worker that does not answer within `timeoutMs` is left out of this scrape.
 */
export async function scrapeWorkers(workers: readonly Worker[], timeoutMs = 5000): Promise<string> {
  const answers = await Promise.all(workers.map((worker) => scrapeWorker(worker, timeoutMs)));
  return AggregatorRegistry.aggregate(answers.filter((m): m is object[] => m !== undefined)).metrics();
}

/** The content type of what `scrapeWorkers` returns. */
export const clusterMetricsContentType = metricsRegistry.contentType;
