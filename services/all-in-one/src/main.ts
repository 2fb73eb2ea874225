// Composition root of the all-in-one process: `npm start` (`--workers N` or `CIBA_WORKERS`: a cluster).
import cluster from 'node:cluster';
import { loadTracingConfig, startFailureLine, startTracing, type Tracing } from '@ciba/service-kit';
import { runPrimary } from './cluster/run-primary.ts';
import { runWorker } from './cluster/run-worker.ts';
import { WorkerStartError } from './cluster/supervisor.ts';
import { loadWorkerCount } from './config.ts';
import { startSystem } from './system.ts';

let tracing: Tracing | undefined;
/** One process serving everything: what `--workers 1` (the default) runs. */
async function runSingle(): Promise<void> {
  const system = await startSystem();
  if (system.adminTokenGenerated) {
    // Development only (production requires ADMIN_TOKEN): shown once so the operator can use the API.
    process.stdout.write(`ADMIN_TOKEN=${system.adminToken}\n`);
  }
  process.stdout.write(`CIBA server listening; issuer ${system.issuer}\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void system.stop().then(() => tracing?.shutdown()).then(() => process.exit(0)));
  }
}

Promise.resolve()
  .then(() => {
    if (cluster.isWorker) {
      tracing = startTracing(loadTracingConfig(process.env, 'ciba'));
      return runWorker(tracing);
    }
    const workers = loadWorkerCount(process.env, process.argv.slice(2));
    if (workers > 1) return runPrimary(workers);
    // First, so every span of the start and of each request has its provider.
    tracing = startTracing(loadTracingConfig(process.env, 'ciba'));
    return runSingle();
  })
  .catch((err: unknown) => {
    // A worker that failed to start printed its own line; the primary adds none.
    if (!(err instanceof WorkerStartError)) process.stderr.write(`${startFailureLine(err)}\n`);
    process.exit(err instanceof WorkerStartError ? err.exitCode || 1 : 1);
  });
