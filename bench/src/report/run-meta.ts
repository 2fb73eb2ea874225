import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** Where and on what a run was measured, for the JSON result. */
export function runMeta(versions: Record<string, string>) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    commit,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    /** 1-minute load average when the measurement began: above ~1 other work shared the machine. */
    loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
    versions,
  };
}
