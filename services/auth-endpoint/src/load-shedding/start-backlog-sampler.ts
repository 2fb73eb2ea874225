import type { TopicName } from '@ciba/contracts';
import type { EventBus } from '@ciba/event-bus';
import type { Logger } from '@ciba/service-kit';
import type { OutboxBacklog } from '../adapters/db/pg-outbox-backlog.ts';
import { nextPipelineState } from '../domain/load-shedding/next-pipeline-state.ts';
import type { BacklogSample, PipelineState } from '../domain/load-shedding/pipeline-state.ts';

export interface BacklogSamplerOptions {
  readOutbox: () => Promise<OutboxBacklog>;
  bus: Pick<EventBus, 'lag'>;
  group: string;
  topic: TopicName;
  intervalMs: number;
  logger: Logger;
  /** Bounds each read, ms: a hung database or broker must not freeze the state (it goes stale instead). */
  readTimeoutMs?: number;
}

export interface BacklogSampler {
  /** The latest state (undefined before the first sample). */
  current(): PipelineState | undefined;
  stop(): Promise<void>;
}

/** A failing part is logged at most this often, ms. */
const WARN_EVERY_MS = 30_000;

/**
 * One sampler per process: every `intervalMs` it reads the outbox backlog and the dispatcher's lag
 * (both at once) and folds them into the shared state; requests only read that state. A part that
 * fails is left out of the sample (shedding fails open on it: readiness already reports a database
 * or bus that is down) and warned about at most every 30 s.
 */
export function startBacklogSampler(options: BacklogSamplerOptions): BacklogSampler {
  const { readOutbox, bus, group, topic, intervalMs, logger } = options;
  const readTimeoutMs = options.readTimeoutMs ?? Math.max(1000, intervalMs * 4);
  let state: PipelineState | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const lastWarn: Record<string, number> = {};
  const warn = (part: string, err: unknown) => {
    const now = Date.now();
    if ((lastWarn[part] ?? 0) + WARN_EVERY_MS > now) return;
    lastWarn[part] = now;
    logger.warn({ part, reason: err instanceof Error ? err.message : String(err) }, 'load shedding cannot read the backlog; not shedding on it');
  };

  const sample = async () => {
    const [outbox, lag] = await Promise.allSettled([bounded(readOutbox(), readTimeoutMs), bounded(bus.lag(group, [topic]), readTimeoutMs)]);
    const next: BacklogSample = { at: Date.now() };
    if (outbox.status === 'fulfilled') next.outbox = outbox.value;
    else warn('outbox', outbox.reason);
    if (lag.status === 'fulfilled') next.lag = lag.value.reduce((sum, l) => sum + l.lag, 0);
    else warn('consumer lag', lag.reason);
    state = nextPipelineState(state, next);
  };
  const loop = () => {
    if (stopped) return;
    running = sample().finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  return {
    current: () => state,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}

function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
