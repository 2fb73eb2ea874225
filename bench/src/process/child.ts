import { spawn, type ChildProcess } from 'node:child_process';
import { onCleanup } from './cleanup.ts';

/** Lines of a child's output shown on the bench's stderr (its warnings and errors), then it is muted. */
const MAX_ECHOED = 30;
const live = new Set<ChildProcess>();
// Last resort when the bench dies without running its cleanup (an uncaught error): no orphan servers.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The last lines it wrote, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a child process (its output echoed, up to a limit, unless `echo: false`) that is stopped at the end of the run, even on Ctrl-C or a failure. */
export function startChild(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {}): Child {
  const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const lines: string[] = [];
  let echoed = 0;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (options.echo === false || echoed > MAX_ECHOED) continue;
      process.stderr.write(echoed++ === MAX_ECHOED ? `[${name}] (further output not shown)\n` : `[${name}] ${line.slice(0, 500)}\n`);
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const unregister = onCleanup(name, () => stop());
  void exited.then(unregister);
  return { name, pid: child.pid, process: child, output: () => lines.join('\n'), stop };
}
