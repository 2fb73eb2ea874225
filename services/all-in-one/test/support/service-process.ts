import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { childEnv } from './child-env.ts';

const root = join(__dirname, '..', '..', '..', '..');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGKILL (crash) or SIGTERM (graceful) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `node --import tsx <entry>` (one process, so a signal reaches the server itself) from the repo root with `env`, and waits until GET <healthUrl> answers 200. */
export async function startServiceProcess(entry: string, env: Record<string, string>, healthUrl: string, timeoutMs = 60_000): Promise<ServiceProcess> {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, entry)], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const handle: ServiceProcess = {
    child,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${log}`);
    const ok = await fetch(healthUrl).then((r) => r.status === 200, () => false);
    if (ok) return handle;
    await new Promise((r) => setTimeout(r, 200));
  }
  await handle.stop('SIGKILL');
  throw new Error(`${entry} did not become healthy:\n${log}`);
}
