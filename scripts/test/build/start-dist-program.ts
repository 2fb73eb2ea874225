import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { childEnv } from '../../../services/all-in-one/test/support/child-env.ts';
import { readOnlyRoot } from './read-only-root.ts';

export interface DistProgram {
  child: ChildProcess;
  /** Whether it ran with a read-only root file system (see `readOnlyRoot`). */
  readOnly: boolean;
  output(): string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Runs `node <program>` from the image layout `dir` as the image's entrypoint would (`node
 * dist/services/all-in-one/main.mjs`, cwd `dir`), with a read-only root file system where this
 * machine allows it, and waits until GET `healthUrl` answers 200.
 */
export async function startDistProgram(dir: string, program: string, env: Record<string, string>, healthUrl: string): Promise<DistProgram> {
  let log = '';
  const node = [process.execPath, join(dir, program)];
  const argv = readOnlyRoot(node) ?? node;
  const child = spawn(argv[0]!, argv.slice(1), { cwd: dir, env: childEnv({ NODE_PATH: '', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const handle: DistProgram = {
    child,
    readOnly: argv !== node,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`${program} exited with ${child.exitCode}:\n${log}`);
    if (await fetch(healthUrl).then((r) => r.status === 200, () => false)) return handle;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  await exited;
  throw new Error(`${program} did not become healthy:\n${log}`);
}
