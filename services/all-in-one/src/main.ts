// Composition root of the all-in-one process: `npm start`.
import { loadTracingConfig, startFailureLine, startTracing, type Tracing } from '@ciba/service-kit';
import { startSystem } from './system.ts';

let tracing: Tracing | undefined;
Promise.resolve()
  .then(() => {
    // First, so every span of the start and of each request has its provider.
    tracing = startTracing(loadTracingConfig(process.env, 'ciba'));
    return startSystem();
  })
  .then((system) => {
    if (system.adminTokenGenerated) {
      // Development only (production requires ADMIN_TOKEN): shown once so the operator can use the API.
      process.stdout.write(`ADMIN_TOKEN=${system.adminToken}\n`);
    }
    process.stdout.write(`CIBA server listening; issuer ${system.issuer}\n`);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => void system.stop().then(() => tracing?.shutdown()).then(() => process.exit(0)));
    }
  })
  .catch((err: unknown) => {
    process.stderr.write(`${startFailureLine(err)}\n`);
    process.exit(1);
  });
