import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startChild, type Child } from '../process/child.ts';
import { onCleanup } from '../process/cleanup.ts';
import { freePort } from '../process/free-port.ts';

export interface PrivateRedis {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

/**
 * A redis-server of the bench's own on a free loopback port. `durable`: every write is appended and
 * fsynced before it is acknowledged (`appendonly yes`, `appendfsync always`), like a PostgreSQL commit;
 * otherwise no persistence, like the development instance on 6379 (which is never touched). Its data
 * directory is a temporary one, removed when it stops.
 */
export async function startPrivateRedis(name: string, durable: boolean): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'ciba-bench-redis-'));
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  const removeDir = onCleanup('redis data dir', removeNow);
  // Even when the bench dies before its cleanup ran (its child processes are killed on exit too).
  process.once('exit', removeNow);
  const port = await freePort();
  const persistence = durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = startChild(name, 'redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', ...persistence,
    '--save', '', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning',
  ], { echo: false });
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (err) {
      if (Date.now() > deadline || child.process.exitCode !== null) throw new Error(`redis-server did not start: ${(err as Error).message}\n${child.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return {
    url,
    child,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
      removeDir();
    },
  };
}
