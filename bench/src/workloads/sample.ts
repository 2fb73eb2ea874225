import type { SutName } from '../args.ts';
import type { LoadResult } from '../drivers/load-result.ts';
import type { Category } from '../profile/categorize-profile.ts';
import type { SustainedRate } from './sustained-rate.ts';

/** One measurement: one workload on one system in one round. */
export interface Sample extends LoadResult {
  system: SutName;
  /** `bc-authorize`, `poll-pending`, `full-flow:poll`, `full-flow:ping`, `full-flow:push`. */
  workload: string;
  round: number;
  /** CPU seconds per successful operation, by process (server, its stores, the bench driver). */
  cpuPerOp: Record<string, number>;
  /** Store counters per successful operation (PostgreSQL commits and WAL flushes, Redis commands). */
  storePerOp: Record<string, number>;
  /** Seconds after the load ended until the asynchronous work it caused (prompt delivery) was done. */
  settleSeconds: number;
  /** Seconds between the two CPU snapshots (load, settling, and the wait for PostgreSQL's statistics). */
  windowSeconds: number;
  /** Cores each process kept busy while the load ran (CPU seconds during the load / its seconds). */
  coresDuringLoad: Record<string, number>;
  /** Workload-specific figures (e.g. token requests per flow). */
  extra: Record<string, number>;
  /** bc-authorize only: requests accepted and prompted over load + drain, and prompt latency. */
  sustained?: SustainedRate;
  /** --cpu-prof: the server's share of main-thread self time per category during this measurement. */
  profileShares?: Record<Category, number>;
  /** --cpu-prof: the .cpuprofile files of this measurement, one per server process. */
  profileFiles?: string[];
}
