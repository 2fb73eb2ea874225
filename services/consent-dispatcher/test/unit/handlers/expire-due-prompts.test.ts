import { expireDuePrompts } from '../../../src/handlers/expire-due-prompts.ts';
import { MemoryPromptStore } from '../../support/memory-prompt-store.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const now = new Date('2026-11-22T10:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

function setup(batchSize = 100) {
  const store = new MemoryPromptStore();
  const put = (id: string, overrides = {}) => store.prompts.set(id, samplePrompt({ promptId: id, requestId: crypto.randomUUID(), ...overrides }));
  const sweep = expireDuePrompts({ store, logger: silentLogger, now: () => now, batchSize });
  const types = () => store.outbox.map((r) => [r.key, (r.envelope as { type: string }).type]);
  return { store, put, sweep, types };
}

describe('expireDuePrompts', () => {
  it('expires pending prompts from expires_at on, each with one ciba.consent.expired.v1', async () => {
    const t = setup();
    t.put('past', { expiresAt: at(-1000) });
    t.put('exactly', { expiresAt: at(0) });
    t.put('future', { expiresAt: at(1) });
    expect(await t.sweep()).toBe(2);
    expect(t.store.prompts.get('past')).toMatchObject({ status: 'expired', deliveryStatus: 'expired' });
    expect(t.store.prompts.get('exactly')?.status).toBe('expired');
    expect(t.store.prompts.get('future')?.status).toBe('pending');
    expect(t.types()).toEqual([
      [t.store.prompts.get('past')!.requestId, 'ciba.consent.expired.v1'],
      [t.store.prompts.get('exactly')!.requestId, 'ciba.consent.expired.v1'],
    ]);
    expect((t.store.outbox[0]!.envelope as { data: { expired_at: string }; time: string }).data.expired_at).toBe(at(-1000).toISOString());
    expect((t.store.outbox[0]!.envelope as { time: string }).time).toBe(now.toISOString());
  });

  it('expires each prompt once over repeated sweeps', async () => {
    const t = setup();
    t.put('p1', { expiresAt: at(-1) });
    await t.sweep();
    expect(await t.sweep()).toBe(0);
    expect(t.store.outbox).toHaveLength(1);
  });

  it('leaves decided prompts alone and keeps a delivered one delivered', async () => {
    const t = setup();
    t.put('approved', { expiresAt: at(-1), status: 'approved' });
    t.put('delivered', { expiresAt: at(-1), deliveryStatus: 'delivered' });
    expect(await t.sweep()).toBe(1);
    expect(t.store.prompts.get('approved')?.status).toBe('approved');
    expect(t.store.prompts.get('delivered')).toMatchObject({ status: 'expired', deliveryStatus: 'delivered' });
  });

  it('works through every due prompt batch by batch', async () => {
    const t = setup(2);
    for (let i = 0; i < 5; i += 1) t.put(`p${i}`, { expiresAt: at(-i - 1) });
    expect(await t.sweep()).toBe(5);
    expect([...t.store.prompts.values()].every((p) => p.status === 'expired')).toBe(true);
  });

  it('fails (the next sweep retries) when the store fails', async () => {
    const t = setup();
    t.store.expireDue = async () => {
      throw new Error('database down');
    };
    await expect(t.sweep()).rejects.toThrow('database down');
  });
});
