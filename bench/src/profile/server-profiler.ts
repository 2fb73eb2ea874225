import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { treePids } from '../cpu.ts';
import { categoryShares, type Category, type ProfileLike } from './categorize-profile.ts';

/** Node.js arguments that load the in-process profiler into a server (inert until signalled). */
export const PROFILER_IMPORT = ['--import', pathToFileURL(resolve(__dirname, 'profiler-preload.mjs')).href];

export interface ServerProfiler {
  /** Where the server's processes write their profiles (BENCH_PROFILE_DIR). */
  dir: string;
  start(): Promise<void>;
  /** Stops profiling; the profile files written, one per process of the server's tree, and their category shares. */
  stop(): Promise<{ files: string[]; shares: Record<Category, number> }>;
}

async function waitFor(paths: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!paths.every((p) => existsSync(p))) {
    if (Date.now() > deadline) throw new Error(`no CPU profile from the server in ${timeoutMs} ms: ${paths.filter((p) => !existsSync(p)).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Profiles a server (its pid and every process under it: cluster workers) around one measurement:
 * SIGUSR2 to each, whose profiler-preload starts or stops node:inspector's Profiler.
 */
export function serverProfiler(rootPid: () => number, dir: string): ServerProfiler {
  mkdirSync(dir, { recursive: true });
  const counts = new Map<number, number>();
  let pids: number[] = [];
  return {
    dir,
    async start() {
      pids = treePids(rootPid()).filter((pid) => /node/.test(readFileSync(`/proc/${pid}/comm`, 'utf8')));
      for (const pid of pids) rmSync(join(dir, `${pid}.started`), { force: true });
      for (const pid of pids) process.kill(pid, 'SIGUSR2');
      await waitFor(pids.map((pid) => join(dir, `${pid}.started`)), 10_000);
    },
    async stop() {
      const files = pids.map((pid) => {
        counts.set(pid, (counts.get(pid) ?? 0) + 1);
        return join(dir, `${pid}-${counts.get(pid)}.cpuprofile`);
      });
      for (const pid of pids) process.kill(pid, 'SIGUSR2');
      await waitFor(files, 30_000);
      return { files, shares: categoryShares(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as ProfileLike)) };
    },
  };
}
