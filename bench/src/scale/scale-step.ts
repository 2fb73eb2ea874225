import type { Sample } from '../workloads/sample.ts';

/** One --scale measurement: bc-authorize on one system at one concurrency and store size. */
export interface ScaleStep {
  system: string;
  concurrency: number;
  users: number;
  /** Requests the system had accepted before this step (pending, never decided). */
  requestsBefore: number;
  /** The --scale-pending step: pending requests made just before it (included in requestsBefore). */
  pendingMade?: number;
  sample: Sample;
  /** Cores busy per process while the load ran. */
  cores: Record<string, number>;
  /** What ran out first, in words. */
  bound: string;
}

/**
 * Names the resource that bounds a step: the machine's cores when all of them are busy; a single
 * process at one full core (a Node.js event loop, or Redis); PostgreSQL's commit rate when WAL flushes
 * reach the rate pgbench got from one client; the event bus when prompts lag the answers.
 */
export function boundOf(step: { cores: Record<string, number>; walFlushesPerSec?: number; commitRate1?: number; promptBacklog?: number; ok: number }, machineCores: number): string {
  const reasons: string[] = [];
  // server_main is part of server: count processes once, and judge event loops by their main thread.
  const processes = Object.entries(step.cores).filter(([k]) => k !== 'server_main');
  const total = processes.reduce((a, [, b]) => a + b, 0);
  const [busiest, busiestCores] = processes.sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
  const eventLoop = step.cores.server_main;
  if (total >= 0.9 * machineCores) reasons.push(`machine CPU (${total.toFixed(2)} of ${machineCores} cores; most: ${busiest} ${busiestCores.toFixed(2)})`);
  else if (eventLoop !== undefined && eventLoop >= 0.85) reasons.push(`server event loop (main thread ${eventLoop.toFixed(2)} core)`);
  else if (busiestCores >= 0.85) reasons.push(`${busiest} CPU (${busiestCores.toFixed(2)} core, single-threaded)`);
  if (step.walFlushesPerSec !== undefined && step.commitRate1 && step.walFlushesPerSec >= 0.8 * step.commitRate1) {
    reasons.push(`PostgreSQL WAL flushes (${Math.round(step.walFlushesPerSec)}/s vs ${Math.round(step.commitRate1)}/s for one pgbench client)`);
  }
  if (step.promptBacklog !== undefined && step.ok > 0 && step.promptBacklog > 0.05 * step.ok) {
    reasons.push(`event-bus lag (${step.promptBacklog} of ${step.ok} prompts still undelivered when the load stopped)`);
  }
  return reasons.length ? reasons.join('; ') : `nothing saturated (${total.toFixed(2)} cores busy): latency-bound at this concurrency`;
}
