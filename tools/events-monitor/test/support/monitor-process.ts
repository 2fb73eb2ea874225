import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '@ciba/test-support';
import { childEnv } from '../../../../services/all-in-one/test/support/child-env.ts';

const root = join(__dirname, '..', '..', '..', '..');
const main = join(root, 'tools/events-monitor/src/main.ts');

export interface MonitorProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  lines(): string[];
  /** Resolves with the first stdout line `match` accepts. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number, what?: string): Promise<string>;
  /** SIGINT, then the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** `node --import tsx tools/events-monitor/src/main.ts <args>` with `env` (the system's bus variables). */
export function startMonitor(args: string[], env: Record<string, string>): MonitorProcess {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: childEnv({ LOG_LEVEL: 'warn', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () => out.split('\n').filter(Boolean);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    lines,
    exited,
    waitForLine: (match, timeoutMs = 20_000, what = 'a monitor line') =>
      waitFor(() => lines().find(match), timeoutMs, `${what}; stdout:\n${out}\nstderr:\n${err}`),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Runs a command to its end; its exit code and output. */
export async function runMonitor(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const monitor = startMonitor(args, env);
  const code = await monitor.exited;
  return { code, stdout: monitor.stdout(), stderr: monitor.stderr() };
}

/** Starts `tail` and waits until it has fixed its start positions (its "following" notice). */
export async function startTail(args: string[], env: Record<string, string>): Promise<MonitorProcess> {
  const monitor = startMonitor(['tail', ...args], env);
  await waitFor(() => monitor.stderr().includes('following') || monitor.child.exitCode !== null, 30_000, 'tail to start');
  if (monitor.child.exitCode !== null) throw new Error(`tail exited: ${monitor.stderr()}`);
  return monitor;
}
