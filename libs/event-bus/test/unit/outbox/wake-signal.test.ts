import { WakeSignal } from '../../../src/outbox/wake-signal.ts';

describe('WakeSignal', () => {
  test('notify() cuts a wait short', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    const waiting = signal.wait(10_000);
    signal.notify();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a notify while nobody waits makes the next wait return at once, only once', async () => {
    const signal = new WakeSignal();
    signal.notify();
    signal.notify();
    const started = Date.now();
    await signal.wait(10_000);
    expect(Date.now() - started).toBeLessThan(1000);
    await signal.wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
