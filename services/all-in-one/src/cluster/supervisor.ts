import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@ciba/service-kit';
import { isWorkerReady, WORKER_SLOT_VARIABLE } from './worker-messages.ts';

/** A worker that lived this long before dying starts its slot's backoff afresh. */
const STABLE_MS = 60_000;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 30_000;
/** How long SIGTERM waits for a worker to drain before SIGKILL. */
const DRAIN_MS = 30_000;

/** Why the cluster could not start: a worker exited before it was ready (it printed why itself). */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError';
  constructor(readonly exitCode: number) {
    super(`a worker exited with ${exitCode} while starting`);
  }
}

interface Slot {
  worker?: Worker;
  startedAt: number;
  failures: number;
  timer?: NodeJS.Timeout;
}

/**
 * Keeps N workers (slots 1…N) running the system: starts the first alone (so a bad setting fails
 * once, with one line), then the others; later replaces a worker that dies, after a delay that
 * doubles while its slot keeps dying young; drains them all on `stop`.
 */
export class Supervisor {
  private readonly slots: Slot[];
  private stopping = false;
  issuer = '';

  constructor(count: number, private readonly env: NodeJS.ProcessEnv, private readonly logger: Logger) {
    this.slots = Array.from({ length: count }, () => ({ startedAt: 0, failures: 0 }));
  }

  /** Resolves once every worker is ready; rejects with `WorkerStartError` (and stops the others) if one exits first. */
  async start(): Promise<void> {
    try {
      await this.fork(0);
      await Promise.all(this.slots.slice(1).map((_, i) => this.fork(i + 1)));
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** The workers running now (ready or not: one that is not answers a scrape late or not at all). */
  workers(): Worker[] {
    return this.slots.flatMap((slot) => (slot.worker && slot.worker.isConnected() ? [slot.worker] : []));
  }

  /** SIGTERM to every worker, SIGKILL to one still there after the drain time; resolves when all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exits = this.slots.map((slot) => {
      clearTimeout(slot.timer);
      const worker = slot.worker;
      if (!worker || worker.isDead()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const kill = setTimeout(() => worker.process.kill('SIGKILL'), DRAIN_MS);
        worker.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        worker.process.kill('SIGTERM');
      });
    });
    await Promise.all(exits);
  }

  private fork(index: number): Promise<void> {
    const slot = this.slots[index]!;
    const worker = cluster.fork({ ...this.env, [WORKER_SLOT_VARIABLE]: String(index + 1) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: unknown) => {
        if (!isWorkerReady(message) || ready) return;
        ready = true;
        this.issuer = message.issuer;
        resolve();
      });
      worker.once('exit', (code, signal) => {
        if (!ready) reject(new WorkerStartError(code ?? 1));
        if (this.stopping || !ready) return;
        this.replace(index, code, signal);
      });
    });
  }

  private replace(index: number, code: number | null, signal: string | null): void {
    const slot = this.slots[index]!;
    slot.failures = Date.now() - slot.startedAt < STABLE_MS ? slot.failures + 1 : 1;
    const delayMs = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (slot.failures - 1));
    this.logger.warn({ worker: index + 1, code, signal, delay_ms: delayMs }, 'worker exited; replacing it');
    slot.timer = setTimeout(() => {
      if (this.stopping) return;
      this.fork(index).then(
        () => this.logger.info({ worker: index + 1 }, 'worker replaced'),
        // It died while starting: its exit handler did not replace it (not ready), so this does.
        () => this.stopping || this.replace(index, slot.worker?.process.exitCode ?? 1, null),
      );
    }, delayMs);
  }
}
