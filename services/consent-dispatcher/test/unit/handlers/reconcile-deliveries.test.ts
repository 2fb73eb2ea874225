import { reconcileDeliveries } from '../../../src/handlers/reconcile-deliveries.ts';
import { MemoryPromptStore } from '../../support/memory-prompt-store.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';
import { silentLogger } from '../../support/silent-logger.ts';

/** A queue that knows which prompts have a live job. */
function fakeQueue(live: Set<string>) {
  const restored: string[] = [];
  return {
    restored,
    withoutLiveJob: async (ids: readonly string[]) => ids.filter((id) => !live.has(id)),
    restore: async (id: string) => {
      restored.push(id);
      live.add(id);
    },
  };
}

function setup(live: string[] = [], pageSize = 100, inline: string[] = []) {
  const store = new MemoryPromptStore();
  const put = (id: string, overrides = {}) => store.prompts.set(id, samplePrompt({ promptId: id, requestId: crypto.randomUUID(), ...overrides }));
  const queue = fakeQueue(new Set(live));
  const running = new Set(inline);
  const reconcile = reconcileDeliveries({ store, queue, inline: { has: (id) => running.has(id) }, logger: silentLogger, now: () => new Date(), graceMs: 60_000, pageSize });
  return { store, put, queue, running, reconcile };
}

describe('reconcileDeliveries', () => {
  it('queues again the pending, undelivered, unexpired prompts that have no live job', async () => {
    const t = setup(['hasJob']);
    t.put('hasJob');
    t.put('lost');
    t.put('delivered', { deliveryStatus: 'delivered' });
    t.put('undeliverable', { deliveryStatus: 'undeliverable' });
    t.put('approved', { status: 'approved' });
    t.put('expiredStatus', { status: 'expired', deliveryStatus: 'expired' });
    t.put('pastExpiry', { expiresAt: new Date(Date.now() - 1) });
    expect(await t.reconcile()).toBe(1);
    expect(t.queue.restored).toEqual(['lost']);
    expect(await t.reconcile()).toBe(0);
  });

  it('reads the prompt again and skips it when its job settled it meanwhile', async () => {
    const t = setup();
    t.put('settling');
    const withoutLiveJob = t.queue.withoutLiveJob;
    t.queue.withoutLiveJob = async (ids) => {
      t.store.prompts.get('settling')!.deliveryStatus = 'delivered';
      return withoutLiveJob(ids);
    };
    const reconcile = reconcileDeliveries({ store: t.store, queue: t.queue, inline: { has: () => false }, logger: silentLogger, now: () => new Date(), graceMs: 0, pageSize: 10 });
    expect(await reconcile()).toBe(0);
    expect(t.queue.restored).toEqual([]);
  });

  it('leaves alone prompts whose first run is under way here, and young prompts (their first run may be elsewhere)', async () => {
    const t = setup([], 100, ['runningHere']);
    t.put('runningHere');
    t.put('young');
    t.store.storedAt.set('young', new Date(Date.now() - 59_000));
    t.put('old');
    t.store.storedAt.set('old', new Date(Date.now() - 61_000));
    const asked: string[] = [];
    const withoutLiveJob = t.queue.withoutLiveJob;
    t.queue.withoutLiveJob = async (ids) => (asked.push(...ids), withoutLiveJob(ids));
    expect(await t.reconcile()).toBe(1);
    expect(t.queue.restored).toEqual(['old']);
    expect(asked).toEqual(['old']);
    t.running.delete('runningHere');
    expect(await t.reconcile()).toBe(1);
    expect(t.queue.restored).toEqual(['old', 'runningHere']);
  });

  it('pages through every prompt', async () => {
    const t = setup([], 3);
    const ids = Array.from({ length: 8 }, (_, i) => `prompt${i}`);
    for (const id of ids) t.put(id);
    expect(await t.reconcile()).toBe(8);
    expect(t.queue.restored.sort()).toEqual(ids);
  });
});
