import autocannon from 'autocannon';
import { countKind, type LoadResult } from './load-result.ts';

export interface OpenLoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  headers: Record<string, string>;
  /**
   * The body of the next request (called once per request, just before it is sent). `context` belongs
   * to the connection, which has one request in flight: what is put there is seen by `classify`.
   */
  nextBody: (context: Record<string, unknown>) => string;
  /** The kind of error an answer is, or undefined when it is the expected one. */
  classify: (status: number, body: string, context: Record<string, unknown>) => string | undefined;
}

/**
 * Fixed-concurrency load with autocannon: `connections` keep-alive connections, each sending its next
 * POST as soon as the previous answer arrived, for `duration` seconds. Latency percentiles are
 * autocannon's (every answer counts).
 */
export async function autocannonLoad(options: OpenLoadOptions): Promise<LoadResult> {
  const errorKinds: Record<string, number> = {};
  let ok = 0;
  let bad = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    timeout: 10,
    requests: [
      {
        setupRequest: (request, context) => ({ ...request, body: options.nextBody(context as Record<string, unknown>) }),
        onResponse: (status, body, context) => {
          const kind = options.classify(status, body, context as Record<string, unknown>);
          if (kind === undefined) ok++;
          else {
            bad++;
            countKind(errorKinds, kind);
          }
        },
      },
    ],
  });
  const socketErrors = result.errors + result.timeouts;
  if (result.errors) countKind(errorKinds, 'socket error');
  if (result.timeouts) countKind(errorKinds, 'timeout');
  const seconds = result.duration;
  return {
    ok,
    errors: bad + socketErrors,
    errorKinds,
    seconds,
    opsPerSec: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
