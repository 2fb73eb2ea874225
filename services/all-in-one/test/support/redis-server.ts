import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './service-process.ts';

export interface RedisServer {
  url: string;
  /** SIGKILL: everything in memory is gone (no persistence). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free 127.0.0.1 port, with persistence off (`--save ""
 * --appendonly no`), so a kill and restart comes back empty, as a Redis without disk does. Never the
 * shared one on 6379.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const proc = child;
      exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      const probe = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      for (let i = 0; ; i++) {
        try {
          await probe.connect();
          await probe.ping();
          break;
        } catch (err) {
          if (i > 100 || proc.exitCode !== null) throw new Error(`redis-server did not start: ${String(err)}`);
          probe.disconnect();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      probe.disconnect();
    },
    async kill() {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}
