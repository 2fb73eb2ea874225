import { createServer } from 'node:http';
import type { Router } from 'express';
import { startMetricsServer } from '@ciba/metrics';
import { createApp } from '../http/create-app.ts';
import { hotRoutes, type HotRoutes } from '../http/hot-routes.ts';
import { finishApp } from '../http/finish-app.ts';
import { healthRoutes, type ReadinessCheck } from '../http/health-routes.ts';
import type { Logger } from '../logger.ts';
import { Shutdown } from './shutdown.ts';
import { startFailureLine } from './start-failure-line.ts';

export interface RunnableService {
  router: Router;
  /** Endpoints (also in `router`) served from the server's request event, before Express: see `hotRoutes`. */
  hotRoutes?: HotRoutes;
  /** `/readyz` checks of what the service owns (its PostgreSQL pool), merged with `RunServiceOptions.readiness`. */
  readiness?: Record<string, ReadinessCheck>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface RunServiceOptions {
  name: string;
  port: number;
  /** Interface to listen on; undefined: every interface. */
  host?: string;
  logger: Logger;
  service: RunnableService;
  /** Ports this service owns, served to the others at `/internal/<name>`. */
  internal?: Record<string, Router>;
  /** `/readyz` checks of what the composition root made (event bus, Redis), each bounded by `READINESS_TIMEOUT_MS`. */
  readiness?: Record<string, ReadinessCheck>;
  /** Closed after the service (bus, Redis…). */
  closers?: Record<string, () => Promise<void>>;
  /** `METRICS_PORT`: the Prometheus listener (`GET /metrics`, its own port on `host`), or `off`. @defaultValue 'off' */
  metricsPort?: number | 'off';
}

/**
 * The tail of every standalone composition root: health routes, the service's router and its
 * internal ports on one app, its hot routes served before the app; the metrics listener; start the service, listen, and close everything on
 * SIGTERM/SIGINT.
 */
export async function runService(options: RunServiceOptions): Promise<void> {
  const shutdown = new Shutdown(options.logger);
  // First, so it closes last: the scrape during shutdown still answers.
  const metrics = await startMetricsServer({ service: options.name, port: options.metricsPort ?? 'off', host: options.host, logger: options.logger });
  shutdown.add('metrics listener', () => metrics.close());
  for (const [name, close] of Object.entries(options.closers ?? {})) shutdown.add(name, close);
  const app = createApp();
  app.use(healthRoutes({ ...options.service.readiness, ...options.readiness }));
  for (const [name, router] of Object.entries(options.internal ?? {})) app.use(`/internal/${name}`, router);
  app.use(options.service.router);
  finishApp(app, options.logger);
  await options.service.start();
  shutdown.add(options.name, () => options.service.stop());
  const server = createServer(hotRoutes({ app, logger: options.logger, routes: options.service.hotRoutes ? [options.service.hotRoutes] : [] }));
  if (options.host) server.listen(options.port, options.host);
  else server.listen(options.port);
  shutdown.add('http server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  shutdown.onSignals();
  options.logger.info({ port: options.port }, `${options.name} listening`);
}

/** Runs a standalone main: a ConfigError (or pending migrations) prints its one line; anything else its stack; exit 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${startFailureLine(err)}\n`);
    process.exit(1);
  });
}
