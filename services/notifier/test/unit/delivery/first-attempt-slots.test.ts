import { firstAttemptSlots } from '../../../src/delivery/first-attempt-slots.ts';

describe('firstAttemptSlots', () => {
  it('take: true up to the limit, then false until a slot is given back', () => {
    const slots = firstAttemptSlots(2);
    expect([slots.take(), slots.take(), slots.take()]).toEqual([true, true, false]);
    slots.give();
    expect([slots.take(), slots.take()]).toEqual([true, false]);
  });

  it('a limit of 0 takes nothing', () => {
    expect(firstAttemptSlots(0).take()).toBe(false);
  });

  it('run: the slot comes back when the task settles, even when it rejects; drain waits for every task', async () => {
    const slots = firstAttemptSlots(1);
    let finish!: () => void;
    expect(slots.take()).toBe(true);
    slots.run(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(slots.take()).toBe(false);
    let drained = false;
    const draining = slots.drain().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    finish();
    await draining;
    expect(slots.take()).toBe(true);
    slots.run(() => Promise.reject(new Error('boom')));
    await slots.drain();
    expect(slots.take()).toBe(true);
  });
});
