import { inlineDeliveries } from '../../../src/delivery/inline-deliveries.ts';
import type { DeliveryRun } from '../../../src/delivery/delivery-run.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Runs that wait until the test settles them; a queue that remembers what was handed to it. */
function setup(options: { concurrency?: number; backlog?: number; maxWaitMs?: number; attempts?: number; enqueue?: () => Promise<void> } = {}) {
  const runs: Array<{ run: DeliveryRun; settle(outcome: 'done' | 'retry' | Error): void }> = [];
  const queued: Array<[string, number | undefined]> = [];
  const inline = inlineDeliveries({
    concurrency: options.concurrency ?? 2,
    backlog: options.backlog ?? 1,
    maxWaitMs: options.maxWaitMs ?? 60_000,
    attempts: options.attempts ?? 3,
    run: (run) =>
      new Promise((resolve, reject) => runs.push({ run, settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)) })),
    queue: { enqueue: async (id, first) => (await options.enqueue?.(), void queued.push([id, first])) },
    logger: silentLogger,
  });
  const prompt = (id: string) => samplePrompt({ promptId: id });
  return { inline, runs, queued, prompt };
}

describe('inlineDeliveries', () => {
  it('runs a prompt at once as run 1 with the prompt and its token, and is done with it when the run is', async () => {
    const t = setup();
    const prompt = t.prompt('a');
    expect(t.inline.offer(prompt, 'token-a')).toBe(true);
    expect(t.runs.map((r) => r.run)).toEqual([{ promptId: 'a', attempt: 1, final: false, prompt, token: 'token-a' }]);
    expect(t.inline.has('a')).toBe(true);
    t.runs[0]!.settle('done');
    await tick();
    expect(t.inline.has('a')).toBe(false);
    expect(t.queued).toEqual([]);
  });

  it('runs at most `concurrency` at once, keeps `backlog` waiting, and refuses past that', async () => {
    const t = setup({ concurrency: 2, backlog: 1 });
    expect(['a', 'b', 'c', 'd'].map((id) => t.inline.offer(t.prompt(id), id))).toEqual([true, true, true, false]);
    expect(t.runs.map((r) => r.run.promptId)).toEqual(['a', 'b']);
    expect(t.inline.has('c')).toBe(true);
    expect(t.inline.has('d')).toBe(false);
    t.runs[0]!.settle('done');
    await tick();
    expect(t.runs.map((r) => r.run.promptId)).toEqual(['a', 'b', 'c']);
  });

  it('hands a prompt whose first run asked for a retry to the queue as from run 2, and lets go of it only then', async () => {
    let release!: () => void;
    const t = setup({ enqueue: () => new Promise<void>((resolve) => (release = resolve)) });
    t.inline.offer(t.prompt('a'), 'token-a');
    t.runs[0]!.settle('retry');
    await tick();
    expect(t.inline.has('a')).toBe(true);
    release();
    await tick();
    expect(t.queued).toEqual([['a', 2]]);
    expect(t.inline.has('a')).toBe(false);
  });

  it('hands a prompt to the queue when its run failed unexpectedly', async () => {
    const t = setup();
    t.inline.offer(t.prompt('a'), 'token-a');
    t.runs[0]!.settle(new Error('database gone'));
    await tick();
    expect(t.queued).toEqual([['a', 2]]);
  });

  it('marks the first run final when a prompt has one run in all, and queues nothing after it', async () => {
    const t = setup({ attempts: 1 });
    t.inline.offer(t.prompt('a'), 'token-a');
    expect(t.runs[0]?.run.final).toBe(true);
    t.runs[0]!.settle('retry');
    await tick();
    expect(t.queued).toEqual([]);
    expect(t.inline.has('a')).toBe(false);
  });

  it('queues as a job from run 1 a prompt that waited for a slot longer than maxWaitMs', async () => {
    const t = setup({ concurrency: 1, backlog: 5, maxWaitMs: 20 });
    t.inline.offer(t.prompt('a'), 'token-a');
    t.inline.offer(t.prompt('b'), 'token-b');
    await new Promise((resolve) => setTimeout(resolve, 40));
    t.runs[0]!.settle('done');
    await tick();
    await tick();
    expect(t.runs.map((r) => r.run.promptId)).toEqual(['a']);
    expect(t.queued).toEqual([['b', 1]]);
  });

  it('keeps a prompt it could not queue no longer (the reconciler takes it)', async () => {
    const t = setup({
      enqueue: async () => {
        throw new Error('redis down');
      },
    });
    t.inline.offer(t.prompt('a'), 'token-a');
    t.runs[0]!.settle('retry');
    await tick();
    await tick();
    expect(t.inline.has('a')).toBe(false);
  });

  it('close() refuses new prompts, drops the waiting ones and waits for the running ones', async () => {
    const t = setup({ concurrency: 1, backlog: 2 });
    t.inline.offer(t.prompt('a'), 'token-a');
    t.inline.offer(t.prompt('b'), 'token-b');
    let closed = false;
    const closing = t.inline.close().then(() => (closed = true));
    expect(t.inline.has('b')).toBe(false);
    expect(t.inline.offer(t.prompt('c'), 'token-c')).toBe(false);
    await tick();
    expect(closed).toBe(false);
    t.runs[0]!.settle('done');
    await closing;
    expect(t.runs.map((r) => r.run.promptId)).toEqual(['a']);
  });
});
