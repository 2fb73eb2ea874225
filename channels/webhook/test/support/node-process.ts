import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The repository root. */
export const root = join(__dirname, '..', '..', '..', '..');

/** The environment of a child: this one's without any ambient bus or key settings, its metrics on a free port, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KAFKA_|REDIS_|CHANNEL_|WEBHOOK_|ADMIN_TOKEN|NODE_ENV|METRICS_PORT)/.test(name)));
  return { ...base, METRICS_PORT: '0', ...env };
}

/** Runs `node --import tsx <script> ...args` from the repository root to completion; its stdout. */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, script), ...args], { cwd: root, env: childEnv(env) });
  return stdout;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface NodeProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node --import tsx <entry>` as its own process and waits until `healthUrl` answers 200. */
export async function startNodeProcess(entry: string, env: Record<string, string>, healthUrl: string, timeoutMs = 60_000): Promise<NodeProcess> {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, entry)], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: NodeProcess = {
    child,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${log}`);
    if (await fetch(healthUrl).then((r) => r.status === 200, () => false)) return handle;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await handle.stop('SIGKILL');
  throw new Error(`${entry} did not become healthy:\n${log}`);
}
