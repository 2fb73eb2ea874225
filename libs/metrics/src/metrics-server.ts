import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics } from 'prom-client';
import { metricsRegistry } from './metrics-registry.ts';
import { serviceLabel } from './service-label.ts';

/** What the metrics listener logs through. */
export interface MetricsLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MetricsServerOptions {
  /** This process (`token`, `channel-webhook`, `all-in-one`…): the `service` label of HTTP and Node series. */
  service: string;
  /** `METRICS_PORT`: a port (0 picks a free one) or `off` (no listener). */
  port: number | 'off';
  /** Interface to listen on; undefined: every interface. */
  host?: string;
  logger: MetricsLogger;
  /**
   * What a scrape serves; default: this process' registry (and the Node default metrics are started
   * on it). The primary of a cluster passes its workers' aggregate and records nothing of its own.
   */
  source?: { metrics(): Promise<string>; contentType: string };
}

export interface MetricsServer {
  /** The port it listens on; undefined when `off`. */
  port?: number;
  /** `http://<host>:<port>/metrics`; undefined when `off`. */
  url?: string;
  close(): Promise<void>;
}

let defaultsStarted = false;

/**
 * Serves `GET /metrics` (Prometheus text format) from the process registry on a listener of its own,
 * apart from the public port (so it is never behind the ingress). Starts the Node default metrics
 * (event-loop lag, heap, GC, handles) with the `service` label, once per process.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  serviceLabel.set(options.service);
  const source = options.source ?? metricsRegistry;
  if (!options.source && !defaultsStarted) {
    defaultsStarted = true;
    collectDefaultMetrics({ register: metricsRegistry, labels: { service: options.service } });
  }
  if (options.port === 'off') return { close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    source.metrics().then(
      (text) => res.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      (err: unknown) => {
        options.logger.warn({ err }, 'metrics scrape failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('scrape failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.host) server.listen(options.port as number, options.host, () => resolve());
    else server.listen(options.port as number, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  options.logger.info({ metrics_port: port }, 'metrics listening');
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper keeps its connection alive between scrapes; a scrape in progress still finishes.
        server.closeIdleConnections();
      }),
  };
}
