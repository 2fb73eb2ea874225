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

/** Parses utime + stime (fields 14 and 15) of a /proc/<pid>/stat line, in clock ticks. */
export function parseStatTicks(stat: string): { comm: string; ticks: number } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return { comm: stat.slice(open + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** CPU seconds (user + system) a live process has used so far; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    return parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')).ticks / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds used so far by every live process whose command name is `comm` (e.g. all PostgreSQL backends). */
export function cpuSecondsByName(comm: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseStatTicks(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat.comm === comm) ticks += stat.ticks;
    } catch {
      // the process ended between readdir and read
    }
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
