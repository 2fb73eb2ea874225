import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * Parses a /proc/<pid>/stat line: the command name, the parent pid (field 4), utime + stime (fields
 * 14 and 15) and cutime + cstime (16 and 17: the CPU of its children that exited and were reaped), in
 * clock ticks.
 */
export function parseStatTicks(stat: string): { comm: string; ppid: number; ticks: number; childTicks: number } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is field 3 (state); ppid is field 4, utime field 14, stime 15, cutime 16, cstime 17.
  return { comm: stat.slice(open + 1, close), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) };
}

/** CPU seconds (user + system) a live process has used so far; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    return parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')).ticks / clockTicks();
  } catch {
    return Number.NaN;
  }
}

type Stat = ReturnType<typeof parseStatTicks>;

function allStats(): Map<number, Stat> {
  const stats = new Map<number, Stat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.set(Number(entry), parseStatTicks(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // the process ended between readdir and read
    }
  }
  return stats;
}

/** A process and every live process under it (cluster workers of a server), root first. */
export function treePids(root: number, stats: Map<number, { ppid: number }> = allStats()): number[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, s] of stats) if (s.ppid === tree[i]) tree.push(pid);
  return tree;
}

/**
 * CPU seconds of a server's process tree: `total` for the root, every live process under it and the
 * children it already reaped; `mainThreads` for the main (event-loop) thread of each live one. NaN once
 * the root is gone.
 */
export function treeCpuSeconds(root: number): { total: number; mainThreads: number } {
  const stats = allStats();
  const rootStat = stats.get(root);
  if (!rootStat) return { total: Number.NaN, mainThreads: Number.NaN };
  const pids = treePids(root, stats);
  const ticks = pids.reduce((n, pid) => n + stats.get(pid)!.ticks, rootStat.childTicks);
  const mainThreads = pids.reduce((n, pid) => n + (pid === root ? 0 : mainThreadCpuSeconds(pid) || 0), mainThreadCpuSeconds(root));
  return { total: ticks / clockTicks(), mainThreads };
}

/**
 * CPU seconds used so far by every process named `comm` whose parent is not (a server such as
 * PostgreSQL: its postmaster) and by everything under it: their own CPU, that of their live children
 * (backends), and that of children already gone (cutime + cstime), so a backend that disconnects
 * mid-measurement takes nothing away from the total.
 */
export function cpuSecondsByName(comm: string): number {
  const stats = allStats();
  const roots = new Set([...stats].filter(([, s]) => s.comm === comm && stats.get(s.ppid)?.comm !== comm).map(([pid]) => pid));
  let ticks = 0;
  for (const [pid, stat] of stats) {
    if (roots.has(pid)) ticks += stat.ticks + stat.childTicks;
    else if (roots.has(stat.ppid)) ticks += stat.ticks;
  }
  return ticks / clockTicks();
}

/** CPU seconds used so far by a process's main thread (its JavaScript event loop, for Node.js); NaN once gone. */
export function mainThreadCpuSeconds(pid: number): number {
  try {
    return parseStatTicks(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')).ticks / clockTicks();
  } catch {
    return Number.NaN;
  }
}
